#!/usr/bin/env bash
# Remakes tests/vectors/pkcs12/ and tests/vectors/crl/: PKCS#12 files made by OpenSSL and by
# Java's keytool, and CRLs made by `openssl ca -gencrl`, which the Rust tests read (the Node
# tests make their own with openssl on every run). Every .p12 uses the passphrase
# `passphrase` (the fuzz targets' too). The key is tests/vectors/fixtures' throwaway client
# key, the chain its leaf → inter → root. Needs openssl (with the legacy provider for RC2) and
# keytool (Java 17: `openjdk-17-jre-headless`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
fixtures=$root/tests/vectors/fixtures
p12=$root/tests/vectors/pkcs12
crl=$root/tests/vectors/crl
mkdir -p "$p12" "$crl"
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT; cd "$dir"
pass=passphrase

# ---- PKCS#12 -----------------------------------------------------------------------------
key=$fixtures/throwaway-private.key.pem
cat "$fixtures/inter.pem" "$fixtures/root.pem" > cas.pem
export_p12() { # name, extra openssl pkcs12 arguments
  local name=$1; shift
  openssl pkcs12 -export -inkey "$key" -in "$fixtures/leaf.pem" -certfile cas.pem -name "client key" \
    -passout "pass:$pass" -out "$p12/$name.p12" "$@"
}
export_p12 openssl-default
export_p12 openssl-3des -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1
export_p12 openssl-rc2-40 -legacy
export_p12 openssl-nomac -nomac
export_p12 openssl-aes128-sha512 -certpbe AES-128-CBC -keypbe AES-128-CBC -macalg sha512
# Fast seeds for the fuzz target: one iteration everywhere.
export_p12 openssl-one-iteration -noiter -nomaciter
# Only certificates (a trust store), and only a key.
openssl pkcs12 -export -nokeys -in cas.pem -passout "pass:$pass" -out "$p12/openssl-certs-only.p12"
openssl pkcs12 -export -nocerts -inkey "$key" -passout "pass:$pass" -out "$p12/openssl-key-only.p12"

# keytool: import the OpenSSL file into a new keystore, once as Java 17 writes by default
# (PBES2 AES-256 + HmacPBESHA256 MAC, 10,000 iterations) and once with its legacy settings
# (RC2-40 certificates, 3DES key, SHA-1 MAC).
keytool_import() { # name, extra -J options
  local name=$1; shift
  rm -f "$p12/$name.p12"
  keytool -importkeystore -noprompt "$@" -srckeystore "$p12/openssl-default.p12" -srcstoretype PKCS12 \
    -srcstorepass "$pass" -destkeystore "$p12/$name.p12" -deststoretype PKCS12 -deststorepass "$pass" >/dev/null 2>&1
}
keytool_import keytool-default
keytool_import keytool-legacy -J-Dkeystore.pkcs12.legacy
rm -f "$p12/keytool-genkeypair.p12"
keytool -genkeypair -noprompt -alias generated -keyalg EC -groupname secp256r1 -dname "CN=keytool generated" \
  -validity 36500 -keystore "$p12/keytool-genkeypair.p12" -storetype PKCS12 -storepass "$pass" >/dev/null 2>&1

# ---- CRLs --------------------------------------------------------------------------------
mkdir newcerts && touch index.txt && echo 1000 > serial
cat > ca.cnf <<CNF
[ ca ]
default_ca = d
[ d ]
dir = $dir
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
crlnumber = \$dir/crlnumber
default_md = sha256
policy = p
unique_subject = no
[ p ]
commonName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
[ root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ leaf ]
basicConstraints = critical, CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ crl_ext ]
authorityKeyIdentifier = keyid
CNF
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out leaf.key
openssl req -new -key ca.key -config ca.cnf -subj "/O=certkit Test/CN=CRL Test CA" -out ca.csr
openssl ca -batch -notext -config ca.cnf -extensions root -selfsign -keyfile ca.key -in ca.csr -out ca.pem \
  -startdate 20200101000000Z -enddate 20991231235959Z 2>/dev/null
issue() { # name
  openssl req -new -key leaf.key -config ca.cnf -subj "/CN=$1" -out "$1.csr"
  openssl ca -batch -notext -config ca.cnf -extensions leaf -cert ca.pem -keyfile ca.key -in "$1.csr" -out "$1.pem" \
    -startdate 20200101000000Z -enddate 20991231235959Z 2>/dev/null
}
issue good; issue revoked; issue held
gencrl() { # out, extra arguments
  local out=$1; shift
  openssl ca -gencrl -config "${config:-ca.cnf}" -cert ca.pem -keyfile ca.key -out "$crl/$out" "$@" 2>/dev/null
}
# v1: no CRL extensions (so no crlNumber either), no entries.
sed '/^crlnumber/d' ca.cnf > v1.cnf
config=v1.cnf gencrl v1-empty.pem -crl_lastupdate 20250101000000Z -crl_nextupdate 20990101000000Z
# v2, crlNumber and AKI, no entries.
echo 01 > crlnumber
gencrl empty.pem -crlexts crl_ext -crl_lastupdate 20250101000000Z -crl_nextupdate 20990101000000Z
openssl ca -config ca.cnf -cert ca.pem -keyfile ca.key -revoke revoked.pem -crl_reason keyCompromise 2>/dev/null
gencrl revoked.pem -crlexts crl_ext -crl_lastupdate 20250101000000Z -crl_nextupdate 20990101000000Z
openssl ca -config ca.cnf -cert ca.pem -keyfile ca.key -revoke held.pem -crl_hold holdInstructionReject 2>/dev/null
gencrl expired.pem -crlexts crl_ext -crl_lastupdate 20200101000000Z -crl_nextupdate 20210101000000Z
openssl crl -in "$crl/revoked.pem" -outform DER -out "$crl/revoked.der"
cp ca.pem "$crl/ca.pem"; cp good.pem "$crl/good.pem"; cp revoked.pem "$crl/revoked-cert.pem"; cp held.pem "$crl/held-cert.pem"
echo "fixtures written to $p12 and $crl"
