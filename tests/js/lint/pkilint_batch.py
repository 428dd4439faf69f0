"""Lints many certkit artifacts in one Python process (pkilint's CLIs take one file each).

stdin: a JSON list of jobs, each with an "id" and a "kind":
  cert         {"file"}                    lint_pkix_cert's validators
  chain        {"issuer", "subject"}       lint_pkix_signer_signee_cert_chain's validators
  csr          {"file"}                    pkilint's name, extension and key validators on the
                                           CSR's subject, key and requested extensions, plus
                                           the CSR's signature (pyca/cryptography)
  pyca-client  {"leaf", "intermediates", "root", "time"}
                                           pyca/cryptography's client-certificate verifier
stdout: a JSON list of {"id", "findings": [{"severity", "code", "path"}], "error"?}.
Files are DER.
"""

import datetime
import json
import sys

from cryptography import x509
from cryptography.x509 import verification
from pyasn1.codec.der.decoder import decode as der_decode
from pyasn1.codec.der.encoder import encode as der_encode
from pyasn1_alt_modules import rfc2986, rfc5280

from pkilint import loader, validation
from pkilint.bin import lint_pkix_signer_signee_cert_chain as chain_bin
from pkilint.pkix import certificate, extension, name

CERT_LOADER = loader.RFC5280CertificateDocumentLoader()


def read(path):
    with open(path, "rb") as f:
        return f.read()


def findings(results):
    out = []
    for result in results:
        for description in result.finding_descriptions:
            out.append(
                {
                    "severity": description.finding.severity.name,
                    "code": description.finding.code,
                    "path": result.node.path,
                    "message": description.message,
                }
            )
    return out


def cert_validator():
    return certificate.create_pkix_certificate_validator_container(
        certificate.create_decoding_validators(
            name.ATTRIBUTE_TYPE_MAPPINGS, extension.EXTENSION_MAPPINGS
        ),
        [
            certificate.create_issuer_validator_container([]),
            certificate.create_validity_validator_container(),
            certificate.create_subject_validator_container([]),
            certificate.create_extensions_validator_container([]),
            certificate.create_spki_validator_container([]),
        ],
    )


def csr_validator():
    """The certificate linter's subject, extension and key validators, without the ones about
    what only a certificate has (issuer, validity, version, serial, AKI presence)."""
    return validation.ValidatorContainer(
        validators=[
            validation.ValidatorContainer(
                validators=certificate.create_decoding_validators(
                    name.ATTRIBUTE_TYPE_MAPPINGS, extension.EXTENSION_MAPPINGS
                ),
                path="certificate",
            ),
            certificate.create_subject_validator_container([]),
            certificate.create_extensions_validator_container([]),
            certificate.create_spki_validator_container([]),
        ]
    )


def lint_cert(job):
    doc = CERT_LOADER.load_der_document(read(job["file"]), "certificate")
    return findings(cert_validator().validate(doc.root))


def lint_chain(job):
    docs = {}
    issuer = CERT_LOADER.load_der_document(read(job["issuer"]), "issuer", None, docs)
    docs["issuer"] = issuer
    subject = CERT_LOADER.load_der_document(read(job["subject"]), "subject", None, docs)
    docs["subject"] = subject
    decoding = chain_bin.create_decoder_validation_container()
    results = decoding.validate(issuer.root) + decoding.validate(subject.root)
    results += chain_bin.create_issuer_validation_container().validate(issuer.root)
    results += chain_bin.create_subject_validation_container().validate(subject.root)
    return findings(results)


def csr_as_certificate(der):
    """The CSR's subject, key and requested extensions in a certificate shape pkilint reads."""
    csr, _ = der_decode(der, asn1Spec=rfc2986.CertificationRequest())
    info = csr["certificationRequestInfo"]
    tbs = rfc5280.TBSCertificate()
    tbs["version"] = 2
    tbs["serialNumber"] = 1
    tbs["signature"]["algorithm"] = csr["signatureAlgorithm"]["algorithm"]
    if csr["signatureAlgorithm"]["parameters"].isValue:
        tbs["signature"]["parameters"] = csr["signatureAlgorithm"]["parameters"]
    subject = rfc5280.Name()
    subject["rdnSequence"] = info["subject"]["rdnSequence"]
    tbs["issuer"] = subject
    tbs["subject"] = subject
    tbs["validity"]["notBefore"]["utcTime"] = "260101000000Z"
    tbs["validity"]["notAfter"]["utcTime"] = "270101000000Z"
    tbs["subjectPublicKeyInfo"] = der_decode(
        der_encode(info["subjectPKInfo"]), asn1Spec=rfc5280.SubjectPublicKeyInfo()
    )[0]
    requested = []
    for attribute in info["attributes"]:
        if attribute["type"] != rfc2986.univ.ObjectIdentifier("1.2.840.113549.1.9.14"):
            raise ValueError(f"unexpected CSR attribute {attribute['type']}")
        for value in attribute["values"]:
            exts, _ = der_decode(der_encode(value), asn1Spec=rfc5280.Extensions())
            requested.extend(exts)
    if requested:
        exts = tbs["extensions"].clone()
        for i, ext in enumerate(requested):
            exts[i] = ext
        tbs["extensions"] = exts
    cert = rfc5280.Certificate()
    cert["tbsCertificate"] = tbs
    cert["signatureAlgorithm"] = tbs["signature"]
    cert["signature"] = csr["signature"]
    return der_encode(cert)


def lint_csr(job):
    der = read(job["file"])
    out = []
    if not x509.load_der_x509_csr(der).is_signature_valid:
        out.append({"severity": "ERROR", "code": "certkit.csr_signature_invalid", "path": "csr"})
    doc = CERT_LOADER.load_der_document(csr_as_certificate(der), "certificate")
    return out + findings(csr_validator().validate(doc.root))


def pyca_client(job):
    root = x509.load_der_x509_certificate(read(job["root"]))
    leaf = x509.load_der_x509_certificate(read(job["leaf"]))
    intermediates = [x509.load_der_x509_certificate(read(p)) for p in job["intermediates"]]
    when = datetime.datetime.fromisoformat(job["time"].replace("Z", "+00:00"))
    verifier = (
        verification.PolicyBuilder()
        .store(verification.Store([root]))
        .time(when)
        .build_client_verifier()
    )
    try:
        verifier.verify(leaf, intermediates)
        return []
    except verification.VerificationError as e:
        return [{"severity": "ERROR", "code": "pyca.verification_error", "path": str(e)}]


KINDS = {"cert": lint_cert, "chain": lint_chain, "csr": lint_csr, "pyca-client": pyca_client}


def main():
    out = []
    for job in json.load(sys.stdin):
        try:
            out.append({"id": job["id"], "findings": KINDS[job["kind"]](job)})
        except Exception as e:  # a job that cannot run is reported, never skipped
            out.append({"id": job["id"], "findings": [], "error": f"{type(e).__name__}: {e}"})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
