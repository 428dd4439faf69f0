#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds from tests/vectors (fixtures as PEM and DER, the JSON
# args of every case, chains) and www/src/samples/sample-chain.pem, plus keys made here with
# openssl in every import format (encrypted PKCS#8 uses the passphrase `passphrase` and 1,000
# PBKDF2 iterations). Files are named by their SHA-1, as libFuzzer names them, so running it
# again adds nothing twice. With target names, only those corpora are filled. Needs openssl and
# python3.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$root/tests/vectors/fixtures
sample=$root/www/src/samples/sample-chain.pem
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
corpus=$tmp/corpus

# put TARGET FILE...: copies each file into the target's corpus under its SHA-1.
put() {
  local target=$1; shift
  mkdir -p "$corpus/$target"
  for file in "$@"; do
    cp "$file" "$corpus/$target/$(sha1sum < "$file" | cut -c1-40)"
  done
}
# put_text TARGET TEXT: one seed from a string.
put_text() { printf '%s' "$2" > "$tmp/text"; put "$1" "$tmp/text"; }
label() { head -n1 "$1" | sed -n 's/^-----BEGIN \(.*\)-----$/\1/p'; }
der_of() { # PEM file -> DER file, by its label
  case $(label "$1") in
    CERTIFICATE) openssl x509 -in "$1" -outform DER -out "$2" ;;
    "CERTIFICATE REQUEST") openssl req -in "$1" -outform DER -out "$2" ;;
    "PUBLIC KEY") openssl pkey -pubin -in "$1" -outform DER -out "$2" ;;
    "RSA PUBLIC KEY") openssl rsa -RSAPublicKey_in -in "$1" -RSAPublicKey_out -outform DER -out "$2" 2>/dev/null ;;
    *) openssl pkey -in "$1" -outform DER -out "$2" ;;
  esac
}

# Fixtures, as PEM and DER, to the targets that read their kind; everything to inspect.
for pem in "$fixtures"/*.pem "$sample"; do
  name=$(basename "$pem" .pem)
  put certificate_text "$pem"
  case $(label "$pem") in
    CERTIFICATE)
      # A file may hold several certificates (the sample chain): one DER seed per certificate.
      awk -v dir="$tmp" -v name="$name" '/-----BEGIN/{n++} {print > (dir "/" name "." n ".pem")}' "$pem"
      for one in "$tmp/$name".*.pem; do
        der_of "$one" "${one%.pem}.der"
        put certificate_der "$one" "${one%.pem}.der"
        put bundle "$one" "${one%.pem}.der"
      done
      put bundle "$pem"
      cat "$tmp/$name".*.der > "$tmp/$name.all.der"; put bundle "$tmp/$name.all.der"
      ;;
    "CERTIFICATE REQUEST")
      der_of "$pem" "$tmp/$name.der"; put csr "$pem" "$tmp/$name.der"; put key_import "$pem" ;;
    *)
      der_of "$pem" "$tmp/$name.der"; put key_import "$pem" "$tmp/$name.der" ;;
  esac
done

# PKCS#7 bundles of the sample chain and of the fixture chain.
openssl crl2pkcs7 -nocrl -certfile "$sample" -outform DER -out "$tmp/sample.p7b"
openssl crl2pkcs7 -nocrl -certfile "$sample" -out "$tmp/sample.p7b.pem"
cat "$fixtures"/{leaf,inter,root}.pem > "$tmp/chain.pem"
openssl crl2pkcs7 -nocrl -certfile "$tmp/chain.pem" -outform DER -out "$tmp/chain.p7b"
put bundle "$tmp/sample.p7b" "$tmp/sample.p7b.pem" "$tmp/chain.p7b" "$tmp/chain.pem"
put certificate_text "$tmp/sample.p7b.pem" "$tmp/chain.pem"
{ echo "Here is my certificate:"; cat "$fixtures/leaf.pem"; echo "and the key:"; cat "$fixtures/client.pub.pem"; } > "$tmp/paste.txt"
put certificate_text "$tmp/paste.txt"
openssl base64 -A -in "$tmp/leaf.1.der" > "$tmp/leaf.b64"; put certificate_text "$tmp/leaf.b64"

# Chains: parts separated by "\n===\n"; the last part is also tried as the trust anchor.
join() { local first=1 part; for part in "$@"; do ((first)) || printf '\n===\n'; first=0; cat "$part"; done; }
f=$fixtures
for parts in "leaf inter root" "leaf inter" "root inter leaf" "inter leaf" "leaf-bad-signature inter root" \
  "leaf-expired inter root" "leaf-other-key inter other-root" "leaf-no-ski not-ca root" \
  "entity-expired root" "entity-future root" "leaf-server-only inter root"; do
  files=(); for p in $parts; do files+=("$f/$p.pem"); done
  join "${files[@]}" > "$tmp/chain"; put chain "$tmp/chain"
done
cat "$f/leaf.pem" "$f/inter.pem" > "$tmp/leafinter.pem"
join "$tmp/leafinter.pem" "$f/root.pem" > "$tmp/chain"; put chain "$tmp/chain"
join "$tmp/leaf.1.der" "$tmp/inter.1.der" "$tmp/root.1.der" > "$tmp/chain"; put chain "$tmp/chain"
join "$tmp/sample-chain.1.pem" "$tmp/sample-chain.2.pem" "$tmp/sample-chain.3.pem" > "$tmp/chain"; put chain "$tmp/chain"
put chain "$sample" "$tmp/chain.p7b"

# Private keys in every format key_import reads (small RSA keeps the target fast).
cd "$tmp"
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa.pem
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out p256.pem
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out p384.pem
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -out p521.pem
openssl genpkey -quiet -algorithm ED25519 -out ed25519.pem
for k in rsa p256 p384 p521 ed25519; do
  openssl pkey -in $k.pem -outform DER -out $k.der
  openssl pkey -in $k.pem -pubout -out $k.pub.pem
  openssl pkcs8 -topk8 -in $k.pem -v2 aes-256-cbc -iter 1000 -passout pass:passphrase -out $k.enc.pem
  openssl pkcs8 -topk8 -in $k.pem -v2 aes-256-cbc -iter 1000 -passout pass:passphrase -outform DER -out $k.enc.der
  put key_import $k.pem $k.der $k.pub.pem $k.enc.pem $k.enc.der
done
put certificate_text rsa.pem p256.enc.pem ed25519.pem
openssl pkcs8 -topk8 -in p256.pem -v2 aes-128-cbc -v2prf hmacWithSHA1 -iter 1000 -passout pass:passphrase -out p256.sha1.pem
openssl pkcs8 -topk8 -in p256.pem -scrypt -scrypt_N 1024 -scrypt_r 8 -scrypt_p 1 -passout pass:passphrase -out p256.scrypt.pem
openssl pkcs8 -topk8 -in p256.pem -v2 aes-256-cbc -iter 1000 -passout pass:wrong -out p256.wrong.pem
openssl rsa -in rsa.pem -traditional -out rsa.pkcs1.pem 2>/dev/null
openssl rsa -in rsa.pem -traditional -outform DER -out rsa.pkcs1.der 2>/dev/null
openssl ec -in p256.pem -out p256.sec1.pem 2>/dev/null
openssl ec -in p384.pem -outform DER -out p384.sec1.der 2>/dev/null
openssl ec -in p256.pem -param_out -out p256.params.pem 2>/dev/null
put key_import p256.sha1.pem p256.scrypt.pem p256.wrong.pem rsa.pkcs1.pem rsa.pkcs1.der p256.sec1.pem \
  p384.sec1.der p256.params.pem
# JWKs (private and public) of the Ed25519 and P-256 keys.
openssl pkey -in p256.pem -text -noout > p256.txt
python3 - "$tmp" <<'PY'
import base64, re, sys
tmp = sys.argv[1]
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
ed_priv = open(f"{tmp}/ed25519.der", "rb").read()[-32:]
ed_pub = open(f"{tmp}/ed25519.pub.pem").read().split("\n")[1]
ed_pub = base64.b64decode(ed_pub)[-32:]
open(f"{tmp}/ed.jwk", "w").write('{"kty":"OKP","crv":"Ed25519","d":"%s","x":"%s"}' % (b64(ed_priv), b64(ed_pub)))
open(f"{tmp}/ed.pub.jwk", "w").write('{"kty":"OKP","crv":"Ed25519","x":"%s"}' % b64(ed_pub))
text = open(f"{tmp}/p256.txt").read()
hexes = lambda part: bytes.fromhex(re.sub(r"[^0-9a-f]", "", part))
priv = hexes(text.split("priv:")[1].split("pub:")[0])[-32:]
pub = hexes(text.split("pub:")[1].split("ASN1 OID")[0])
x, y = pub[1:33], pub[33:65]
jwk = '{"kty":"EC","crv":"P-256","x":"%s","y":"%s"%s}'
open(f"{tmp}/p256.jwk", "w").write(jwk % (b64(x), b64(y), ',"d":"%s"' % b64(priv.rjust(32, b"\0"))))
open(f"{tmp}/p256.pub.jwk", "w").write(jwk % (b64(x), b64(y), ""))
PY
put key_import ed.jwk ed.pub.jwk p256.jwk p256.pub.jwk
# CSRs and self-signed certificates with many extensions, over each key type.
cat > ext.cnf <<'CNF'
[ req ]
distinguished_name = dn
attributes = attrs
[ dn ]
[ attrs ]
challengePassword = secret123
[ v3 ]
basicConstraints = critical, CA:TRUE, pathlen:2
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
extendedKeyUsage = clientAuth, serverAuth, codeSigning, 1.2.3.4.5
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always, issuer
subjectAltName = DNS:example.com, DNS:*.example.org, IP:192.0.2.1, IP:2001:db8::1, email:a@example.com, URI:https://example.com/x, RID:1.2.3.4, dirName:dir_sect, otherName:1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.com
issuerAltName = DNS:issuer.example
nameConstraints = critical, permitted;DNS:.example.com, excluded;IP:10.0.0.0/255.0.0.0, permitted;email:.example.com
certificatePolicies = 2.23.140.1.2.1, @policy
policyConstraints = requireExplicitPolicy:0, inhibitPolicyMapping:1
inhibitAnyPolicy = 2
policyMappings = 2.23.140.1.2.1:1.2.3.4
authorityInfoAccess = OCSP;URI:http://ocsp.example.com, caIssuers;URI:http://ca.example.com/ca.crt
crlDistributionPoints = URI:http://crl.example.com/a.crl
tlsfeature = status_request
1.2.3.4.99 = ASN1:UTF8String:an unknown extension
[ req_v3 ]
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyAgreement
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
subjectAltName = DNS:example.com, IP:192.0.2.1, email:a@example.com, URI:https://example.com/x, dirName:dir_sect
1.2.3.4.99 = ASN1:UTF8String:an unknown extension
[ dir_sect ]
C = DE
O = Org
CN = Dir
[ policy ]
policyIdentifier = 1.3.6.1.4.1.99.1
CPS.1 = "https://example.com/cps"
userNotice.1 = @notice
[ notice ]
explicitText = "Explicit text"
organization = "Org"
noticeNumbers = 1, 2
CNF
subj='/C=US/ST=CA/L=Here/O=Org, Inc./OU=Unit+CN=Multi Valued/CN=Test \+ Name/emailAddress=a@example.com/serialNumber=123/DC=example/DC=com/UID=uid1'
for k in rsa p256 p384 p521 ed25519; do
  openssl req -new -key $k.pem -config ext.cnf -subj "$subj" -reqexts req_v3 -out $k.csr.pem 2>/dev/null
  openssl req -in $k.csr.pem -outform DER -out $k.csr.der
  openssl req -x509 -key $k.pem -config ext.cnf -subj "$subj" -extensions v3 -days 3650 -set_serial 0x00ff7f -out $k.crt.pem 2>/dev/null
  openssl x509 -in $k.crt.pem -outform DER -out $k.crt.der
  put csr $k.csr.pem $k.csr.der
  put certificate_der $k.crt.der
  put bundle $k.crt.pem
  put key_import $k.csr.pem $k.crt.pem
done
put certificate_text rsa.csr.pem p384.crt.pem ed25519.crt.pem
openssl req -new -key p256.pem -subj "/CN=minimal" -out min.csr.pem 2>/dev/null; put csr min.csr.pem
openssl req -x509 -key p256.pem -subj "/" -days 1 -out empty.crt.pem 2>/dev/null
openssl x509 -in empty.crt.pem -outform DER -out empty.crt.der; put certificate_der empty.crt.der
openssl crl2pkcs7 -nocrl -certfile p384.crt.pem -certfile ed25519.crt.pem -outform DER -out ext.p7b; put bundle ext.p7b
join rsa.crt.pem p256.crt.pem > ext.chain; put chain ext.chain
cd "$root"

# PKCS#12 files (passphrase `passphrase`) from tests/vectors, and fast ones made here with one
# iteration in each scheme certkit reads; CRLs from tests/vectors, PEM and DER.
for f in "$root"/tests/vectors/pkcs12/*.p12; do put pkcs12 "$f"; done
openssl base64 -in "$root/tests/vectors/pkcs12/openssl-one-iteration.p12" > "$tmp/p12.b64"; put pkcs12 "$tmp/p12.b64"
p12() { # name, extra arguments
  local name=$1; shift
  openssl pkcs12 -export -inkey "$root/tests/vectors/fixtures/throwaway-private.key.pem" -in "$fixtures/leaf.pem" \
    -certfile "$fixtures/inter.pem" -name seed -passout pass:passphrase -noiter -nomaciter -out "$tmp/$name.p12" "$@" 2>/dev/null
  put pkcs12 "$tmp/$name.p12"
}
p12 fast-3des -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1
p12 fast-rc2 -legacy
p12 fast-aes128 -certpbe AES-128-CBC -keypbe AES-128-CBC -macalg sha384
p12 fast-plain -certpbe NONE -keypbe NONE
p12 fast-nomac -nomac
# The one-iteration file as BER: indefinite lengths, long OCTET STRINGs in segments.
python3 - "$root/tests/vectors/pkcs12/openssl-one-iteration.p12" "$tmp/ber.p12" <<'PY'
import sys
def tlv(d, i):
    tag = d[i]; n = d[i + 1]; h = 2
    if n & 0x80:
        k = n & 0x7f; n = int.from_bytes(d[i + 2:i + 2 + k], "big"); h += k
    return tag, d[i + h:i + h + n], i + h + n
def enc(tag, c):
    n = len(c)
    return bytes([tag]) + (bytes([n]) if n < 0x80 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, "big")) + c
def ber(d, i=0):
    tag, c, end = tlv(d, i)
    if tag & 0x20:
        out, j = bytes([tag, 0x80]), 0
        while j < len(c):
            _, _, k = tlv(c, j); out += ber(c[j:k])[0]; j = k
        return out + b"\0\0", end
    if tag == 0x04 and len(c) > 100:
        return bytes([0x24, 0x80]) + b"".join(enc(4, c[j:j + 100]) for j in range(0, len(c), 100)) + b"\0\0", end
    return d[i:end], end
data = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(ber(data)[0])
PY
put pkcs12 "$tmp/ber.p12"
for f in "$root"/tests/vectors/crl/*; do
  case $f in
    *ca.pem|*cert.pem|*good.pem) ;;
    *.pem) put crl "$f"; openssl crl -in "$f" -outform DER -out "$tmp/crl.der"; put crl "$tmp/crl.der" ;;
    *) put crl "$f" ;;
  esac
done

# The JSON args of every vector case, with $fixture/$base64/$concat resolved.
python3 - "$root" "$corpus" <<'PY'
import base64, hashlib, json, os, re, subprocess, sys
root, corpus = sys.argv[1], sys.argv[2]
fixtures = os.path.join(root, "tests/vectors/fixtures")
def fixture(name): return open(os.path.join(fixtures, name)).read()
def der(name):
    body = re.search(r"-----BEGIN [^-]+-----(.*?)-----END", fixture(name), re.S).group(1)
    return base64.b64decode("".join(body.split()))
def resolve(v):
    if isinstance(v, str):
        if v.startswith("$fixture:"): return fixture(v[9:])
        if v.startswith("$base64:"): return base64.b64encode(der(v[8:])).decode()
        if v.startswith("$concat:"): return "".join(fixture(n) for n in v[8:].split(","))
        return v
    if isinstance(v, list): return [resolve(x) for x in v]
    if isinstance(v, dict): return {k: resolve(x) for k, x in v.items()}
    return v
def put(target, data):
    if isinstance(data, str): data = data.encode()
    os.makedirs(os.path.join(corpus, target), exist_ok=True)
    open(os.path.join(corpus, target, hashlib.sha1(data).hexdigest()), "wb").write(data)
def strings(v):
    if isinstance(v, str): yield v
    elif isinstance(v, list):
        for x in v: yield from strings(x)
    elif isinstance(v, dict):
        for x in v.values(): yield from strings(x)
targets = {"alloydb-request.json": "alloydb_request", "alloydb-response.json": "alloydb_response",
           "halo-requests.json": "halo_requests"}
for file, target in targets.items():
    for case in json.load(open(os.path.join(root, "tests/vectors", file)))["cases"]:
        args = resolve(case["args"])
        first = args[0] if args else None
        put(target, json.dumps(first if isinstance(first, dict) else args))
        if target == "alloydb_response" and isinstance(first, dict):
            put(target, json.dumps(json.dumps(first)))  # JSON text in a string, as pasted
        for s in strings(case["args"]):
            if re.fullmatch(r"-?[0-9.]+s", s): put("duration", s)
            if "/" in s and not s.startswith("$") and len(s) < 200: put("halo_name", s)
for s in ["3600s", "3.5s", "0.000001s", "1.123456789s", "-2.5s", "0s", "-0.5s", "315576000000s",
          "315576000001s", "1.s", ".5s", "+1s", "1e3s", "2030-01-01T00:30:00Z", "2030-01-01T00:30:00.5+01:00"]:
    put("duration", s)
for s in ["AAAAAAAAAHs", "measurementConsumers/AAAAAAAAAHs/certificates/AAAAAAAAAHs",
          "dataProviders/AAAAAAAAAHs/certificates/preferred", "duchies/worker1/certificates/AAAAAAAAAHs",
          "modelProviders/__________8", "f_________8"]:
    put("halo_name", s)
PY
targets=("$@"); ((${#targets[@]})) || targets=($(ls "$corpus"))
for target in "${targets[@]}"; do
  [[ -d $corpus/$target ]] || { echo "no seeds for '$target'" >&2; exit 2; }
  mkdir -p "$root/fuzz/corpus/$target"
  cp "$corpus/$target"/* "$root/fuzz/corpus/$target/"
  echo "$target: $(ls "$corpus/$target" | wc -l) seeds"
done
