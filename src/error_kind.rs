//! Every reason certkit can give, with its stable code, its gRPC status and its message, in one
//! table so that a code can never drift from its status or text.
//!
//! A row under `#[cfg(feature = "full")]` is raised only by the whole package (generation,
//! building, export, the remote APIs, the TypeScript CLI): the lean module of `certkit/inspect`
//! builds without that feature and so carries neither its message nor its formatting. `CODES`
//! and `TABLE` keep every row, for the generated TypeScript.

use std::fmt;

use crate::grpc_status::GrpcStatus;

macro_rules! error_kinds {
    ($(
        $(#[doc = $doc:literal])*
        $(#[cfg($cfg:meta)])?
        $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $code:literal, $status:ident, $msg:literal;
    )*) => {
        /// Why something failed. Messages say what to do next and never contain key material.
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $( $(#[doc = $doc])* $(#[cfg($cfg)])? $name $({ $($field: $ty),* })?, )*
            /// A builder refused its input; carries the first error of the problems it found.
            Rejected { code: &'static str, status: GrpcStatus, message: String, errors: usize },
        }

        impl ErrorKind {
            /// Every static code, for tests and documentation.
            pub const CODES: &'static [&'static str] = &[$($code),*];

            /// Every row: code, status and message template (the format string, whose `{name}`
            /// placeholders are the variant's fields), for the generated TypeScript.
            pub const TABLE: &'static [(&'static str, GrpcStatus, &'static str)] =
                &[$(($code, GrpcStatus::$status, $msg)),*];

            /// Stable `UPPER_SNAKE` reason.
            pub fn code(&self) -> &'static str {
                match self {
                    $( $(#[cfg($cfg)])? Self::$name { .. } => $code, )*
                    Self::Rejected { code, .. } => code,
                }
            }

            /// The gRPC status a server would answer.
            pub fn status(&self) -> GrpcStatus {
                match self {
                    $( $(#[cfg($cfg)])? Self::$name { .. } => GrpcStatus::$status, )*
                    Self::Rejected { status, .. } => *status,
                }
            }
        }

        impl fmt::Display for ErrorKind {
            #[allow(unused_variables)]
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $( $(#[cfg($cfg)])? Self::$name $({ $($field),* })? => write!(f, $msg), )*
                    Self::Rejected { message, errors: 1, .. } => f.write_str(message),
                    Self::Rejected { message, errors, .. } => {
                        write!(f, "{message} (and {} more problems, listed with it)", errors - 1)
                    }
                }
            }
        }
    };
}

error_kinds! {
    // Input and encoding.
    EmptyInput => "EMPTY_INPUT", InvalidArgument,
        "the input is empty: give PEM text, base64 or DER bytes";
    InputTooLarge { size: usize, limit: usize } => "INPUT_TOO_LARGE", InvalidArgument,
        "the input is {size} bytes, more than the {limit}-byte limit: split it or check it is the right file";
    InvalidPem { reason: &'static str } => "INVALID_PEM", InvalidArgument,
        "the PEM text is malformed: {reason}";
    InvalidBase64 => "INVALID_BASE64", InvalidArgument,
        "the base64 text does not decode: check that it was copied whole, without extra characters";
    UnrecognizedEncoding => "UNRECOGNIZED_ENCODING", InvalidArgument,
        "the input is neither PEM, base64 nor DER: give a PEM file or its DER bytes";
    EncryptedPem => "ENCRYPTED_PEM", InvalidArgument,
        "this is a legacy encrypted PEM (Proc-Type header): convert it with `openssl pkcs8 -topk8` first";
    InvalidDer { reason: String } => "INVALID_DER", InvalidArgument,
        "the DER encoding is malformed: {reason}";
    #[cfg(feature = "full")]
    InvalidJson { reason: String } => "INVALID_JSON", InvalidArgument,
        "the JSON input does not have the expected shape: {reason}";
    InvalidOptions { reason: String } => "INVALID_OPTIONS", InvalidArgument,
        "the options are not valid: {reason}";
    InvalidInputType { expected: &'static str } => "INVALID_INPUT_TYPE", InvalidArgument,
        "expected {expected}";
    InvalidTime { value: String } => "INVALID_TIME", InvalidArgument,
        "`{value}` is not a time: write it as RFC 3339, such as 2026-01-31T12:00:00Z";

    // Certificates and other PKI objects.
    NotACertificate { found: String } => "NOT_A_CERTIFICATE", InvalidArgument,
        "expected a certificate but found {found}";
    NoCertificate => "NO_CERTIFICATE", InvalidArgument,
        "the input holds no certificate";
    MultipleCertificates { count: usize } => "MULTIPLE_CERTIFICATES", InvalidArgument,
        "expected one certificate but the input holds {count}: keep only the one meant here (a bundle is read as a list elsewhere, such as when inspecting)";
    InvalidCertificate { reason: String } => "INVALID_CERTIFICATE", InvalidArgument,
        "the certificate is malformed: {reason}";
    InvalidCsr { reason: String } => "INVALID_CSR", InvalidArgument,
        "the certificate request is malformed: {reason}";
    NotACsr { found: String } => "NOT_A_CSR", InvalidArgument,
        "expected a certificate request (CSR) but found {found}";
    InvalidPkcs7 { reason: String } => "INVALID_PKCS7", InvalidArgument,
        "the PKCS#7 bundle is malformed: {reason}";
    NoSubjectKeyIdentifier => "NO_SUBJECT_KEY_IDENTIFIER", InvalidArgument,
        "the certificate has no subjectKeyIdentifier extension: reissue it with one (OpenSSL: subjectKeyIdentifier = hash)";

    // Keys.
    InvalidKey { reason: String } => "INVALID_KEY", InvalidArgument,
        "the key is malformed: {reason}";
    NotAKey { found: String } => "NOT_A_KEY", InvalidArgument,
        "expected a key, certificate or CSR but found {found}";
    PublicKeyGiven { found: String } => "PRIVATE_KEY_REQUIRED", InvalidArgument,
        "a private key is needed here but the input is {found}";
    PassphraseRequired => "PASSPHRASE_REQUIRED", InvalidArgument,
        "the private key is encrypted: give its passphrase";
    WrongPassphrase => "WRONG_PASSPHRASE", InvalidArgument,
        "the passphrase is wrong, or the file is corrupt: it does not decrypt the private key or verify the PKCS#12 file";
    KeyEncryptionTooCostly { cost: String, limit: &'static str } => "KEY_ENCRYPTION_TOO_COSTLY", InvalidArgument,
        "the private key's encryption asks for {cost}, more than certkit allows ({limit}): re-encrypt it with ordinary settings (openssl pkcs8 -topk8 -v2 aes-256-cbc)";
    UnsupportedKeyAlgorithm { algorithm: String } => "UNSUPPORTED_KEY_ALGORITHM", InvalidArgument,
        "{algorithm} keys are not supported here: use RSA, ECDSA P-256/P-384 or Ed25519";
    UnsupportedCurve { curve: String } => "UNSUPPORTED_CURVE", InvalidArgument,
        "the curve {curve} is not supported: use P-256 or P-384";
    #[cfg(feature = "full")]
    RsaKeyTooSmall { bits: u32 } => "RSA_KEY_TOO_SMALL", InvalidArgument,
        "an RSA key of {bits} bits is too weak: use 2048 bits or more";
    #[cfg(feature = "full")]
    UnsupportedKeySize { bits: u32 } => "UNSUPPORTED_KEY_SIZE", InvalidArgument,
        "RSA keys of {bits} bits are not offered: use 2048, 3072 or 4096";
    #[cfg(feature = "full")]
    FormatNotForKey { format: String, algorithm: String } => "FORMAT_NOT_FOR_KEY", InvalidArgument,
        "the `{format}` format cannot hold {algorithm} keys: use pkcs8 or jwk";
    MultipleObjects { count: usize } => "MULTIPLE_OBJECTS", InvalidArgument,
        "expected one key, certificate or CSR but the input holds {count} objects";

    // Building CSRs and certificates.
    #[cfg(feature = "full")]
    InvalidName { reason: String } => "INVALID_NAME", InvalidArgument,
        "the name is not valid: {reason}";
    #[cfg(feature = "full")]
    InvalidSubjectAltName { value: String, reason: String } => "INVALID_SUBJECT_ALT_NAME", InvalidArgument,
        "`{value}` is not a valid subject alternative name: {reason}";
    #[cfg(feature = "full")]
    UnknownKeyUsage { name: String } => "UNKNOWN_KEY_USAGE", InvalidArgument,
        "`{name}` is not a key usage: use digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, cRLSign, encipherOnly or decipherOnly";
    #[cfg(feature = "full")]
    UnknownExtendedKeyUsage { name: String } => "UNKNOWN_EXTENDED_KEY_USAGE", InvalidArgument,
        "`{name}` is not an extended key usage: use a name certkit prints (serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning, msSmartcardLogin, ...) or a dotted OID";
    #[cfg(feature = "full")]
    InvalidValidity => "INVALID_VALIDITY", InvalidArgument,
        "notAfter must be later than notBefore";
    InvalidSerialNumber => "INVALID_SERIAL_NUMBER", InvalidArgument,
        "the serial number must be hexadecimal digits (colons allowed), such as 01:a2:f3";
    #[cfg(feature = "full")]
    CsrSignatureInvalid => "CSR_SIGNATURE_INVALID", InvalidArgument,
        "the CSR's signature does not verify with its own key: it was altered, or made with another key";
    #[cfg(feature = "full")]
    IssuerKeyMismatch => "ISSUER_KEY_MISMATCH", InvalidArgument,
        "the issuer's private key does not belong to the issuer certificate: give the key the CA certificate was made for";
    #[cfg(feature = "full")]
    SigningFailed => "SIGNING_FAILED", Internal,
        "signing failed: check that the key is intact and try again; if it persists, please report it";
    #[cfg(feature = "full")]
    BuildFailed { reason: String } => "BUILD_FAILED", InvalidArgument,
        "the certificate or CSR could not be built: {reason}";

    // Certificate building: combinations RFC 5280, RFC 8813 and RFC 8410 forbid, and warnings.
    #[cfg(feature = "full")]
    KeyUsageNotForKey { usage: &'static str, key: String, reason: &'static str } => "KEY_USAGE_NOT_FOR_KEY", InvalidArgument,
        "keyUsage {usage} cannot be used with {key} keys: {reason}";
    // KEY_CERT_SIGN_WITHOUT_CA (keyCertSign on a certificate that is not a CA) is the chain
    // checks' row below: the same rule, one code.
    #[cfg(feature = "full")]
    CaWithoutKeyCertSign => "CA_WITHOUT_KEY_CERT_SIGN", InvalidArgument,
        "a CA certificate's key usage must include keyCertSign, else it cannot sign certificates (RFC 5280 4.2.1.3): add keyCertSign (and cRLSign), or choose no key usage to get the CA default";
    #[cfg(feature = "full")]
    KeyUsageNeedsKeyAgreement { usage: &'static str } => "KEY_USAGE_NEEDS_KEY_AGREEMENT", InvalidArgument,
        "{usage} only means something together with keyAgreement (RFC 5280 4.2.1.3): add keyAgreement, or drop {usage}";
    #[cfg(feature = "full")]
    EncipherAndDecipherOnly => "ENCIPHER_AND_DECIPHER_ONLY", InvalidArgument,
        "encipherOnly and decipherOnly contradict each other: keep one of them";
    #[cfg(feature = "full")]
    PathLengthWithoutCa => "PATH_LENGTH_WITHOUT_CA", InvalidArgument,
        "a path length applies only to CA certificates: make this a CA certificate, or leave the path length out";
    #[cfg(feature = "full")]
    EmptySubjectWithoutSan => "EMPTY_SUBJECT_WITHOUT_SAN", InvalidArgument,
        "the subject is empty, so a subject alternative name must identify the subject (RFC 5280 4.1.2.6): give a subject, or at least one subject alternative name";
    #[cfg(feature = "full")]
    EmptyIssuerName { what: &'static str } => "EMPTY_ISSUER_NAME", InvalidArgument,
        "a {what} certificate needs a subject: it becomes the issuer name of what it signs, which must not be empty (RFC 5280 4.1.2.4)";
    #[cfg(feature = "full")]
    AuthorityKeyIdentifierRequired => "AUTHORITY_KEY_IDENTIFIER_REQUIRED", InvalidArgument,
        "only a self-signed CA certificate may leave out the authority key identifier (RFC 5280 4.2.1.1): keep it in this certificate";
    #[cfg(feature = "full")]
    CsrKeyMismatch => "CSR_KEY_MISMATCH", InvalidArgument,
        "the private key is not the key of the CSR: give the CSR's own key to self-sign it, or an issuer";
    #[cfg(feature = "full")]
    IssuerPathLengthExceeded => "ISSUER_PATH_LENGTH_EXCEEDED", InvalidArgument,
        "the issuing CA allows no CA certificate below it (its path length constraint is 0): issue an end-entity certificate, or sign with a CA higher up";
    #[cfg(feature = "full")]
    CertificateOutlivesIssuer { issuer_not_after: String } => "CERTIFICATE_OUTLIVES_ISSUER", InvalidArgument,
        "the certificate stays valid after its issuer expires at {issuer_not_after}, and verifiers reject it from then on: end it by then, or renew the CA first";
    #[cfg(feature = "full")]
    CsrExtensionNotCopied { oid: String } => "CSR_EXTENSION_NOT_COPIED", InvalidArgument,
        "the CSR requests extension {oid}, which is not copied into the certificate (certkit copies subjectAltName, keyUsage, extendedKeyUsage and subjectKeyIdentifier; whether it is a CA is chosen when issuing, not taken from the CSR)";

    // Chains.
    EmptyChain => "EMPTY_CHAIN", InvalidArgument,
        "the chain holds no certificate";
    ChainNotTrusted => "CHAIN_NOT_TRUSTED", InvalidArgument,
        "the chain does not lead to any of the trust anchors: add the missing intermediate or check the anchors";
    ChainIncomplete => "CHAIN_INCOMPLETE", InvalidArgument,
        "the chain does not reach a self-signed root, so nothing vouches for it: add the missing CA certificates, or give trust anchors";
    CertificateNotInChain => "CERTIFICATE_NOT_IN_CHAIN", InvalidArgument,
        "this certificate is not part of the chain from the leaf: remove it or check the bundle";
    LeafKeyMismatch => "LEAF_KEY_MISMATCH", InvalidArgument,
        "no certificate in the chain carries the expected public key: check that this answer is for the request sent with this key";
    IssuerNotFound { issuer: String } => "ISSUER_NOT_FOUND", InvalidArgument,
        "no given certificate issued this one (its issuer is `{issuer}`): add that CA certificate";
    IssuerNameMismatch => "ISSUER_NAME_MISMATCH", InvalidArgument,
        "the issuer name does not equal the subject of the next certificate";
    KeyIdentifierMismatch => "KEY_IDENTIFIER_MISMATCH", InvalidArgument,
        "the authorityKeyIdentifier does not equal the issuer's subjectKeyIdentifier: the issuer is a different key";
    SignatureInvalid => "SIGNATURE_INVALID", InvalidArgument,
        "the issuer's key does not verify this certificate's signature: it was altered or signed by another key";
    SignatureUnsupported { algorithm: String } => "SIGNATURE_UNSUPPORTED", InvalidArgument,
        "certkit cannot check {algorithm} signatures, so this certificate cannot be trusted: ask its issuer for one signed with RSA, ECDSA or EdDSA and SHA-256 or better";
    CertificateNotYetValid { not_before: String } => "CERTIFICATE_NOT_YET_VALID", InvalidArgument,
        "the certificate is not valid before {not_before}: check the clock, or wait";
    CertificateExpired { not_after: String } => "CERTIFICATE_EXPIRED", InvalidArgument,
        "the certificate expired at {not_after}: renew it";
    PathLengthExceeded { limit: u32, actual: usize } => "PATH_LENGTH_EXCEEDED", InvalidArgument,
        "the issuer allows {limit} intermediate CAs below it but the chain has {actual}: it was not allowed to issue this chain";
    IssuerNotCa { subject: String } => "ISSUER_NOT_CA", InvalidArgument,
        "`{subject}` issued a certificate but is not a CA (basicConstraints cA is not TRUE)";
    IssuerKeyUsage => "ISSUER_KEY_USAGE", InvalidArgument,
        "the issuer's keyUsage does not allow keyCertSign";
    CertificateRevoked { date: String, reason: String } => "CERTIFICATE_REVOKED", InvalidArgument,
        "the certificate was revoked on {date} ({reason}) by its issuer's CRL: do not use it; get a new one";
    RevocationUnknown { reason: String } => "REVOCATION_UNKNOWN", InvalidArgument,
        "a CRL for this certificate was given but cannot be used ({reason}), so whether it is revoked is unknown: give the issuer's current, correctly signed CRL";
    CrlProfile { rule: &'static str } => "CRL_PROFILE", InvalidArgument,
        "the CRL breaks a rule it must follow: {rule}; ask its issuer for a conforming CRL";
    CrlNotUsed => "CRL_NOT_USED", InvalidArgument,
        "this CRL is not from the issuer of any certificate on the path, so it was not applied";

    // Chain validation: options, engine verdicts and certkit's own profile checks.
    UnknownPurpose { value: String } => "UNKNOWN_PURPOSE", InvalidArgument,
        "`{value}` is not a purpose: give serverAuth, clientAuth, any, an extended key usage name such as emailProtection, or a dotted OID";
    InvalidSubjectName { value: String } => "INVALID_SUBJECT_NAME", InvalidArgument,
        "`{value}` is neither a DNS name nor an IP address: give the host name or address the certificate must be valid for";
    SubjectNameMismatch { name: String } => "SUBJECT_NAME_MISMATCH", InvalidArgument,
        "the certificate is not valid for {name}: none of its subject alternative names matches (the common name is not used); check the name, or reissue the certificate with it";
    PurposeNotAllowed { purpose: String } => "PURPOSE_NOT_ALLOWED", InvalidArgument,
        "the certificate's extended key usage does not allow {purpose}: use a certificate issued for that purpose";
    NameConstraintViolation => "NAME_CONSTRAINT_VIOLATION", InvalidArgument,
        "a name in this certificate is outside the names its issuing CAs may certify (name constraints): the CA was not allowed to issue it";
    MaxDepthExceeded { limit: u32, actual: usize } => "MAX_DEPTH_EXCEEDED", InvalidArgument,
        "the path has {actual} intermediate CAs, more than the {limit} allowed: shorten the chain or raise the limit";
    SignatureNotTrusted { reason: String } => "SIGNATURE_NOT_TRUSTED", InvalidArgument,
        "the signature verifies, but {reason}: ask the issuer for a certificate signed with SHA-256 or better and a strong key";
    KeyNotAllowed { reason: String } => "KEY_NOT_ALLOWED", InvalidArgument,
        "this certificate's public key is not allowed: {reason}";
    CaAsLeaf => "CA_AS_LEAF", InvalidArgument,
        "the leaf is a CA certificate (basicConstraints cA is TRUE); a path must end in an end-entity certificate: give the end-entity certificate as the leaf";
    LeafAmbiguous { count: usize } => "LEAF_AMBIGUOUS", InvalidArgument,
        "{count} certificates could each be the leaf; certkit took the one shown first: give the leaf's public key, or verify one chain at a time";
    AuthorityKeyIdentifierMissing => "AUTHORITY_KEY_IDENTIFIER_MISSING", InvalidArgument,
        "the certificate has no authorityKeyIdentifier with a keyIdentifier, which RFC 5280 requires of every certificate but a self-signed one: ask its CA to reissue it";
    SubjectKeyIdentifierMissing => "SUBJECT_KEY_IDENTIFIER_MISSING", InvalidArgument,
        "this CA certificate has no subjectKeyIdentifier, which RFC 5280 requires of CA certificates: ask its CA to reissue it";
    ExtensionCriticality { extension: &'static str, expected: &'static str } => "EXTENSION_CRITICALITY", InvalidArgument,
        "the {extension} extension {expected} (RFC 5280); verifiers reject the certificate: ask its CA to reissue it";
    KeyCertSignWithoutCa => "KEY_CERT_SIGN_WITHOUT_CA", InvalidArgument,
        "keyUsage allows keyCertSign but basicConstraints cA is not TRUE, which RFC 5280 forbids";
    EmptyName { which: &'static str } => "EMPTY_NAME", InvalidArgument,
        "the {which} name is empty, which RFC 5280 forbids here";
    NameConstraintsOnLeaf => "NAME_CONSTRAINTS_ON_LEAF", InvalidArgument,
        "an end-entity certificate carries nameConstraints, which RFC 5280 allows only in CA certificates";
    InvalidNameConstraints { reason: String } => "INVALID_NAME_CONSTRAINTS", InvalidArgument,
        "the nameConstraints extension is not valid: {reason}";
    InvalidSanEntry { value: String, reason: &'static str } => "INVALID_SAN_ENTRY", InvalidArgument,
        "the subject alternative name `{value}` is not valid: {reason}";
    WebPkiRule { rule: String } => "WEB_PKI_RULE", InvalidArgument,
        "for serverAuth certkit applies the CA/Browser Forum profile, and {rule}";
    #[cfg(feature = "full")]
    AnchorUnusable { reason: String } => "ANCHOR_UNUSABLE", InvalidArgument,
        "this trust anchor cannot be used: {reason}";
    ChainTooComplex => "CHAIN_TOO_COMPLEX", InvalidArgument,
        "certkit stopped searching after trying too many candidate paths: remove unrelated certificates from the input";
    ChainInvalid { reason: String } => "CHAIN_INVALID", InvalidArgument,
        "the chain does not validate: {reason}";

    // PKCS#12 files and CRLs.
    InvalidPkcs12 { reason: String } => "INVALID_PKCS12", InvalidArgument,
        "the PKCS#12 file is malformed: {reason}";
    Pkcs12AlgorithmUnsupported { algorithm: String } => "PKCS12_ALGORITHM_UNSUPPORTED", Unimplemented,
        "the PKCS#12 file uses {algorithm}, which certkit cannot read: convert it with `openssl pkcs12` (add -legacy for old RC2 or RC4 files)";
    Pkcs12NoMac => "PKCS12_NO_MAC", InvalidArgument,
        "the file has no integrity check (MAC): nothing proves it was not altered, and a wrong passphrase may go unnoticed";
    Pkcs12ExtraKey { count: usize } => "PKCS12_EXTRA_KEY", InvalidArgument,
        "the file holds {count} private keys; only the first is returned";
    Pkcs12BagSkipped { kind: String } => "PKCS12_BAG_SKIPPED", InvalidArgument,
        "a {kind} in the file was skipped: certkit reads keys and X.509 certificates";
    KeyCertificateMismatch => "KEY_CERTIFICATE_MISMATCH", InvalidArgument,
        "the private key does not belong to the first certificate: put the certificate of this key first (leaf first)";
    NotACrl { found: String } => "NOT_A_CRL", InvalidArgument,
        "expected a certificate revocation list but found {found}";
    InvalidCrl { reason: String } => "INVALID_CRL", InvalidArgument,
        "the CRL is malformed: {reason}";
    CrlIssuerMismatch => "CRL_ISSUER_MISMATCH", InvalidArgument,
        "the CRL is from another issuer than the certificate's: it says nothing about this certificate";
    CrlOutOfScope { reason: String } => "CRL_OUT_OF_SCOPE", InvalidArgument,
        "the CRL does not cover this certificate ({reason})";
    CrlSignatureInvalid => "CRL_SIGNATURE_INVALID", InvalidArgument,
        "the issuer's key does not verify the CRL's signature: it was altered or signed by another key, so it cannot be used";
    CrlSignatureUnsupported { algorithm: String } => "CRL_SIGNATURE_UNSUPPORTED", InvalidArgument,
        "certkit cannot check {algorithm} signatures, so the CRL cannot be used";
    CrlIssuerKeyUsage => "CRL_ISSUER_KEY_USAGE", InvalidArgument,
        "the issuer's keyUsage does not allow cRLSign, so its CRL cannot be used";
    CrlNotYetValid { this_update: String } => "CRL_NOT_YET_VALID", InvalidArgument,
        "the CRL is not valid before {this_update}: check the clock";
    CrlExpired { next_update: String } => "CRL_EXPIRED", InvalidArgument,
        "the CRL was due for replacement at {next_update}: fetch a fresh one; newer revocations are not in it";
    CrlCriticalExtension { oid: String } => "CRL_UNKNOWN_CRITICAL_EXTENSION", InvalidArgument,
        "the CRL has critical extension {oid}, which certkit does not process, so the CRL cannot be used";
    CrlIndirect => "CRL_INDIRECT", Unimplemented,
        "indirect CRLs (entries for other issuers) are not supported, so the CRL cannot be used";
    CrlDeltaOnly => "CRL_DELTA_ONLY", InvalidArgument,
        "this is a delta CRL: without its base CRL, absence from it proves nothing";

    // Findings about a certificate that still parses.
    MalformedExtension { oid: String, reason: String } => "MALFORMED_EXTENSION", InvalidArgument,
        "extension {oid} could not be decoded ({reason}); it is kept undecoded";
    DuplicateExtension { oid: String } => "DUPLICATE_EXTENSION", InvalidArgument,
        "extension {oid} appears more than once, which RFC 5280 forbids; verifiers may reject the certificate";
    UnknownCriticalExtension { oid: String } => "UNKNOWN_CRITICAL_EXTENSION", InvalidArgument,
        "critical extension {oid} is not one certkit decodes; a verifier that does not know it must reject the certificate";
    SignatureAlgorithmMismatch => "SIGNATURE_ALGORITHM_MISMATCH", InvalidArgument,
        "the outer signatureAlgorithm differs from the one inside tbsCertificate; verifiers reject this";
    SerialNumberNotPositive => "SERIAL_NUMBER_NOT_POSITIVE", InvalidArgument,
        "the serial number is zero or negative; RFC 5280 requires a positive integer";
    SerialNumberTooLong { octets: usize } => "SERIAL_NUMBER_TOO_LONG", InvalidArgument,
        "the serial number is {octets} octets long; RFC 5280 allows at most 20";
    VersionMismatch { version: u32 } => "VERSION_MISMATCH", InvalidArgument,
        "a version {version} certificate has fields (extensions or unique IDs) that need version 3";

    // Parsing policy (issue 14; ARCHITECTURE.md "Parsing policy"): what DER forbids but BER
    // allows is read and reported with its own code.
    NonDerLength { offset: usize } => "NON_DER_LENGTH", InvalidArgument,
        "the length at byte {offset} is not in the shortest form DER requires; the certificate is read, but its fingerprint is over non-DER bytes and strict verifiers refuse it: reissue it";
    NonDerBoolean { offset: usize } => "NON_DER_BOOLEAN", InvalidArgument,
        "the BOOLEAN at byte {offset} is TRUE written as a value other than 0xFF, which DER requires; it is read as TRUE, but strict verifiers refuse it: reissue it";
    NonDerTime { value: String } => "NON_DER_TIME", InvalidArgument,
        "the time `{value}` is not in the form DER and RFC 5280 require (YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ); it is read, but OpenSSL and other verifiers refuse it when validating: reissue it";
    SignatureUnusedBits { bits: u8 } => "SIGNATURE_UNUSED_BITS", InvalidArgument,
        "the signature BIT STRING declares {bits} unused bits; a signature is whole octets, so it is reported invalid";
    // The `certkit` command's own reasons (issue 14), raised by ts/cli/args.ts; listed here so
    // that every code certkit prints is in this one table.
    #[cfg(feature = "full")]
    InputFileUnreadable { path: String, reason: String } => "INPUT_FILE_UNREADABLE", InvalidArgument,
        "cannot read {path}: {reason}";
    #[cfg(feature = "full")]
    InvalidFlag { flag: String } => "INVALID_FLAG", InvalidArgument,
        "{flag} has a value it cannot take: see the command's --help";
    #[cfg(feature = "full")]
    MissingFlag { flag: String } => "MISSING_FLAG", InvalidArgument,
        "{flag} is required";
    #[cfg(feature = "full")]
    ConflictingFlags { flags: String } => "CONFLICTING_FLAGS", InvalidArgument,
        "{flags} cannot be used together: give one";
    #[cfg(feature = "full")]
    UnknownFlag { flag: String } => "UNKNOWN_FLAG", InvalidArgument,
        "{flag} is not an option of this command: see its --help";
    #[cfg(feature = "full")]
    UnexpectedArgument { argument: String } => "UNEXPECTED_ARGUMENT", InvalidArgument,
        "`{argument}` is not expected here: see the command's --help";
    #[cfg(feature = "full")]
    MissingArgument { what: String } => "MISSING_ARGUMENT", InvalidArgument,
        "give {what}";
    #[cfg(feature = "full")]
    UnknownCommand { name: String } => "UNKNOWN_COMMAND", InvalidArgument,
        "`{name}` is not a certkit command: see certkit --help";
    #[cfg(feature = "full")]
    OutputExists { path: String } => "OUTPUT_EXISTS", AlreadyExists,
        "{path} exists: give --force to overwrite it, or another output file";

    // Request and response JSON.
    #[cfg(feature = "full")]
    InvalidFieldType { expected: &'static str } => "INVALID_FIELD_TYPE", InvalidArgument,
        "this field must be {expected}";
    #[cfg(feature = "full")]
    MissingField { name: String } => "MISSING_FIELD", InvalidArgument,
        "`{name}` is required";
    #[cfg(feature = "full")]
    UnknownField { name: String } => "UNKNOWN_FIELD", InvalidArgument,
        "`{name}` is not a field of this message: the server rejects unknown fields; check the spelling";
    #[cfg(feature = "full")]
    InvalidDuration { value: String } => "INVALID_DURATION", InvalidArgument,
        "`{value}` is not a Duration: write seconds with up to nine decimals and an `s`, such as \"3600s\", or give a number of seconds";
    #[cfg(feature = "full")]
    DurationOutOfRange { value: String } => "DURATION_OUT_OF_RANGE", InvalidArgument,
        "`{value}` is outside the Duration range of ±315,576,000,000 seconds";

    // AlloyDB.
    #[cfg(feature = "full")]
    InvalidParent { value: String } => "INVALID_PARENT", InvalidArgument,
        "`{value}` is not a cluster name: write projects/PROJECT/locations/REGION/clusters/CLUSTER";
    #[cfg(feature = "full")]
    InvalidProjectId { value: String } => "INVALID_PROJECT_ID", InvalidArgument,
        "`{value}` is not a project ID (6-30 lowercase letters, digits and hyphens, starting with a letter), a project number, or domain.tld:project";
    #[cfg(feature = "full")]
    InvalidLocation { value: String } => "INVALID_LOCATION", InvalidArgument,
        "`{value}` is not a location: use a region such as us-central1";
    #[cfg(feature = "full")]
    LocationNotRegion { value: String } => "LOCATION_NOT_REGION", InvalidArgument,
        "`{value}` does not look like a region (such as us-central1); AlloyDB clusters live in a region";
    #[cfg(feature = "full")]
    InvalidClusterId { value: String } => "INVALID_CLUSTER_ID", InvalidArgument,
        "`{value}` is not a cluster ID: use lowercase letters, digits and hyphens";
    #[cfg(feature = "full")]
    ClusterIdNotRecommended { value: String } => "CLUSTER_ID_NOT_RECOMMENDED", InvalidArgument,
        "`{value}` does not follow the recommended form: start with a letter, end with a letter or digit, at most 63 characters";
    #[cfg(feature = "full")]
    InvalidApiVersion { value: String } => "INVALID_API_VERSION", InvalidArgument,
        "`{value}` is not an API version: use v1, v1beta or v1alpha";
    #[cfg(feature = "full")]
    InvalidRequestId { value: String } => "INVALID_REQUEST_ID", InvalidArgument,
        "`{value}` is not a UUID (8-4-4-4-12 hex digits): reuse the same UUID when you retry, or use `generate`";
    #[cfg(feature = "full")]
    NilRequestId => "NIL_REQUEST_ID", InvalidArgument,
        "the nil UUID is not accepted as a requestId: use a random one (`generate`)";
    #[cfg(feature = "full")]
    DurationNotPositive => "DURATION_NOT_POSITIVE", InvalidArgument,
        "certDuration must be greater than zero";
    #[cfg(feature = "full")]
    DurationOutsideHint { value: String } => "DURATION_OUTSIDE_HINT", InvalidArgument,
        "{value} is outside the 1 h to 24 h the server honours; it may pick its own duration (the connectors send 3600s)";
    #[cfg(feature = "full")]
    MissingPublicKey => "MISSING_PUBLIC_KEY", InvalidArgument,
        "publicKey is required: send the PEM public key of the key pair you made";
    #[cfg(feature = "full")]
    PublicKeyNotPem => "PUBLIC_KEY_NOT_PEM", InvalidArgument,
        "publicKey must be PEM text (-----BEGIN PUBLIC KEY----- or RSA PUBLIC KEY)";
    #[cfg(feature = "full")]
    PrivateKeySupplied => "PRIVATE_KEY_SUPPLIED", InvalidArgument,
        "this is a private key: send only the public key, and treat this private key as exposed if it was shared";
    #[cfg(feature = "full")]
    PublicKeyWrongType { found: String } => "PUBLIC_KEY_WRONG_TYPE", InvalidArgument,
        "publicKey holds {found}: send the public key itself (openssl pkey -pubout)";
    #[cfg(feature = "full")]
    EcKeyUnconfirmed { curve: String } => "EC_KEY_UNCONFIRMED", InvalidArgument,
        "an ECDSA {curve} key is plausible but unconfirmed: all connectors send RSA-2048";
    #[cfg(feature = "full")]
    FieldNotInVersion { field: String, version: String } => "FIELD_NOT_IN_VERSION", InvalidArgument,
        "`{field}` does not exist in {version}: use publicKey, or v1beta/v1alpha";
    #[cfg(feature = "full")]
    PublicKeyAndCsr => "PUBLIC_KEY_AND_CSR", InvalidArgument,
        "both publicKey and the deprecated pemCsr are set: send only publicKey";
    #[cfg(feature = "full")]
    NotPem => "NOT_PEM", InvalidArgument,
        "expected PEM text (-----BEGIN ...----- armor)";
    #[cfg(feature = "full")]
    CaCertMissing => "CA_CERT_MISSING", InvalidArgument,
        "the response has no caCert: without it the server certificate cannot be trusted";
    #[cfg(feature = "full")]
    CaCertNotCa { subject: String } => "CA_CERT_NOT_CA", InvalidArgument,
        "caCert (`{subject}`) is not a CA certificate (basicConstraints cA is not TRUE)";
    #[cfg(feature = "full")]
    ChainOutOfOrder { proper: String } => "CHAIN_OUT_OF_ORDER", InvalidArgument,
        "pemCertificateChain is not in leaf-to-root order; the proper order of its elements is {proper}";
    #[cfg(feature = "full")]
    ChainNotAnchored => "CHAIN_NOT_ANCHORED", InvalidArgument,
        "the chain neither ends at caCert nor is issued by it: check that caCert and the chain come from the same answer";
    #[cfg(feature = "full")]
    LeafNotFirst { index: usize } => "LEAF_NOT_FIRST", InvalidArgument,
        "the certificate with your key is pemCertificateChain[{index}], but the connectors use pemCertificateChain[0] as the client certificate: put it first";
    #[cfg(feature = "full")]
    LifetimeDiffers { lifetime: i64, requested: i64 } => "LIFETIME_DIFFERS", InvalidArgument,
        "the certificate lives {lifetime} s, not the {requested} s requested (certDuration is only a hint)";

    // Halo.
    #[cfg(feature = "full")]
    InvalidHaloName { value: String } => "INVALID_HALO_NAME", InvalidArgument,
        "`{value}` is not a Halo name: write dataProviders|duchies|measurementConsumers|modelProviders/ID, then /certificates/ID for a certificate";
    #[cfg(feature = "full")]
    NotAnApiId { id: String } => "NOT_AN_API_ID", InvalidArgument,
        "`{id}` is not an API ID (11 characters of base64url); the reference server uses API IDs, other deployments may not";
    #[cfg(feature = "full")]
    PreferredAliasUnresolved => "PREFERRED_ALIAS_UNRESOLVED", InvalidArgument,
        "`preferred` stands for the parent's preferred certificate; the reference server does not resolve it yet";
    #[cfg(feature = "full")]
    InvalidApiId { value: String } => "INVALID_API_ID", InvalidArgument,
        "`{value}` is not an API ID: 11 characters of unpadded base64url";
    #[cfg(feature = "full")]
    ApiIdOutOfRange { value: String } => "API_ID_OUT_OF_RANGE", InvalidArgument,
        "{value} is not a positive 64-bit integer (1 to 9223372036854775807), which API IDs hold";
    #[cfg(feature = "full")]
    X509DerIsPem => "X509_DER_IS_PEM", InvalidArgument,
        "x509Der must be DER (base64 in JSON), not PEM: give the PEM as `certificate` and certkit converts it";
    #[cfg(feature = "full")]
    MissingSubjectKeyIdentifier => "MISSING_SUBJECT_KEY_IDENTIFIER", InvalidArgument,
        "the certificate has no subjectKeyIdentifier extension, which CreateCertificate requires: reissue it with one";
    #[cfg(feature = "full")]
    CreatingCaCertificate => "CA_CERTIFICATE", InvalidArgument,
        "this is a CA certificate; the server accepts it, but entity certificates are usually leaves";
    #[cfg(feature = "full")]
    OutputOnlyFieldIgnored { field: String } => "OUTPUT_ONLY_FIELD_IGNORED", InvalidArgument,
        "`{field}` is output only: the server ignores it";
    #[cfg(feature = "full")]
    NegativePageSize => "NEGATIVE_PAGE_SIZE", InvalidArgument,
        "pageSize must not be negative: leave it out for 50, or give 1 to 1000";
    #[cfg(feature = "full")]
    DefaultPageSize { size: i64 } => "DEFAULT_PAGE_SIZE", InvalidArgument,
        "without a pageSize the server returns at most {size} certificates";
    #[cfg(feature = "full")]
    PageSizeCoerced { size: i64, max: i64 } => "PAGE_SIZE_COERCED", InvalidArgument,
        "pageSize {size} is above the maximum; the server uses {max}";
    #[cfg(feature = "full")]
    InvalidPageToken => "INVALID_PAGE_TOKEN", InvalidArgument,
        "pageToken must be the unpadded base64url token from the previous response's nextPageToken";
    #[cfg(feature = "full")]
    PageTokenMismatch => "PAGE_TOKEN_MISMATCH", InvalidArgument,
        "a pageToken must come with the same parent and filter as the request that produced it";
    #[cfg(feature = "full")]
    PageTokenUnchecked => "PAGE_TOKEN_UNCHECKED", InvalidArgument,
        "a pageToken is valid only with the parent and filter of the request that returned it; certkit cannot check that here, so keep them the same";
    #[cfg(feature = "full")]
    InvalidKeyIdentifier => "INVALID_KEY_IDENTIFIER", InvalidArgument,
        "a subject key identifier must be hex, base64 or bytes";
    #[cfg(feature = "full")]
    RevocationStateRequired => "REVOCATION_STATE_REQUIRED", InvalidArgument,
        "revocationState must be HOLD or REVOKED";
    #[cfg(feature = "full")]
    UnknownRevocationState { value: String } => "UNKNOWN_REVOCATION_STATE", InvalidArgument,
        "`{value}` is not a revocation state: use REVOCATION_STATE_UNSPECIFIED, HOLD or REVOKED";
    #[cfg(feature = "full")]
    AlreadyRevoked { requested: String } => "ALREADY_REVOKED", FailedPrecondition,
        "the certificate is REVOKED, a terminal state: it cannot move to {requested}; issue a new certificate instead";
    #[cfg(feature = "full")]
    ReferenceServerLenient => "REFERENCE_SERVER_LENIENT", Ok,
        "note: the reference Kingdom server currently answers REVOKED to REVOKED with success (a no-op); the terminal-state rule above is what the API defines";
    #[cfg(feature = "full")]
    AlreadyOnHold => "ALREADY_ON_HOLD", InvalidArgument,
        "the certificate is already on HOLD: nothing changes";
    #[cfg(feature = "full")]
    HoldFailsPendingWork => "HOLD_FAILS_PENDING_WORK", InvalidArgument,
        "placing the certificate on HOLD fails the measurements pending on it at once, even if the hold is released later";
    #[cfg(feature = "full")]
    RevocationIsTerminal => "REVOCATION_IS_TERMINAL", InvalidArgument,
        "REVOKED is permanent: the certificate can never be used again";
    #[cfg(feature = "full")]
    NotOnHold { current: String } => "NOT_ON_HOLD", FailedPrecondition,
        "only a certificate on HOLD can be released; this one is {current}";
    #[cfg(feature = "full")]
    CurrentStateUnknown => "CURRENT_STATE_UNKNOWN", InvalidArgument,
        "the current revocation state is not known, so the rule cannot be checked: look it up with GetCertificate (the server refuses unless the certificate is on HOLD)";
    #[cfg(feature = "full")]
    ReportedKeyIdentifierDiffers => "REPORTED_KEY_IDENTIFIER_DIFFERS", InvalidArgument,
        "the subjectKeyIdentifier the server reports differs from the certificate's extension";

    // Raised by the TypeScript layer (ts/), which takes status and message from this table.
    Cancelled => "CANCELLED", Cancelled,
        "the operation was cancelled";
    #[cfg(feature = "full")]
    WebCryptoUnavailable => "WEBCRYPTO_UNAVAILABLE", FailedPrecondition,
        "WebCrypto is not available here (the page is not served over HTTPS or from localhost?): generate the key with the certkit engine instead";

    // Anything that should never happen; reported instead of panicking.
    Internal { reason: String } => "INTERNAL", Internal,
        "internal error: {reason}; please report it with the input that caused it";
    UnsafeInteger { value: String } => "UNSAFE_INTEGER", Internal,
        "the result holds the integer {value}, which a JavaScript number cannot hold exactly; please report it with the input that caused it";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut codes = ErrorKind::CODES.to_vec();
        codes.sort_unstable();
        let before = codes.len();
        codes.dedup();
        assert_eq!(before, codes.len(), "duplicate error codes");
    }

    #[test]
    fn messages_interpolate_their_data() {
        let kind = ErrorKind::InputTooLarge {
            size: 20,
            limit: 10,
        };
        assert!(kind.to_string().contains("20 bytes"));
        assert_eq!(kind.code(), "INPUT_TOO_LARGE");
        assert_eq!(kind.status(), GrpcStatus::InvalidArgument);
    }
}
