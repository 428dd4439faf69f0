#!/usr/bin/env bash
# Remakes tests/vectors/fixtures with openssl: keys and certificates the shared test vectors
# refer to as "$fixture:NAME". Validity runs 2020-2099 (expired ones end in 2021), so the
# vectors stay true; private CA keys are thrown away.
set -euo pipefail
out=$(cd "$(dirname "$0")/../tests/vectors/fixtures" && pwd)
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT; cd "$dir"
mkdir newcerts && touch index.txt && echo 1000 > serial
cat > ca.cnf <<CNF
[ ca ]
default_ca = d
[ d ]
dir = $dir
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
default_md = sha256
policy = p
unique_subject = no
preserve = yes
[ p ]
commonName = optional
organizationName = optional
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
[ root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ inter ]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ leaf ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ server ]
basicConstraints = critical, CA:FALSE
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ noski ]
basicConstraints = critical, CA:FALSE
subjectKeyIdentifier = none
authorityKeyIdentifier = none
CNF
key() { openssl genpkey -quiet "$@"; }
issue() { # name key subject ext issuer-cert issuer-key start end
  openssl req -new -key "$2" -config ca.cnf -subj "$3" -out "$1.csr"
  if [[ $5 == self ]]; then
    openssl ca -batch -notext -config ca.cnf -extensions "$4" -in "$1.csr" -out "$1.pem" -selfsign -keyfile "$2" -startdate "$6" -enddate "$7" 2>/dev/null
  else
    openssl ca -batch -notext -config ca.cnf -extensions "$4" -in "$1.csr" -out "$1.pem" -cert "$5" -keyfile "$6" -startdate "$7" -enddate "$8" 2>/dev/null
  fi
}
key -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out root.key
key -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out inter.key
key -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out client.key
key -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out other.key
key -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out small.key
key -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out p256.key
key -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out p384.key
key -algorithm ED25519 -out ed25519.key
key -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other-root.key
issue root root.key "/O=AlloyDB Test/CN=Cluster CA" root self 20200101000000Z 20991231235959Z
issue inter inter.key "/O=AlloyDB Test/CN=Cluster Intermediate" inter root.pem root.key 20200101000000Z 20991231235959Z
issue leaf client.key "/CN=client" leaf inter.pem inter.key 20300101000000Z 20300101010000Z
issue leaf-other-key other.key "/CN=client" leaf inter.pem inter.key 20300101000000Z 20300101010000Z
issue leaf-expired client.key "/CN=client" leaf inter.pem inter.key 20200101000000Z 20210101000000Z
issue leaf-server-only client.key "/CN=client" server inter.pem inter.key 20300101000000Z 20300101010000Z
issue leaf-no-ski client.key "/CN=client" noski inter.pem inter.key 20300101000000Z 20300101010000Z
issue other-root other-root.key "/O=Someone Else/CN=Other CA" root self 20200101000000Z 20991231235959Z
issue not-ca p256.key "/CN=not a CA" leaf root.pem root.key 20200101000000Z 20991231235959Z
issue entity-expired client.key "/CN=entity" leaf root.pem root.key 20200101000000Z 20210101000000Z
issue entity-future client.key "/CN=entity" leaf root.pem root.key 20980101000000Z 20991231235959Z
openssl pkey -in client.key -pubout -out "$out/client.pub.pem"
openssl rsa -in client.key -RSAPublicKey_out -out "$out/client.pkcs1.pub.pem" 2>/dev/null
openssl pkey -in small.key -pubout -out "$out/rsa1024.pub.pem"
openssl pkey -in p256.key -pubout -out "$out/p256.pub.pem"
openssl pkey -in p384.key -pubout -out "$out/p384.pub.pem"
openssl pkey -in ed25519.key -pubout -out "$out/ed25519.pub.pem"
openssl req -new -key client.key -config ca.cnf -subj "/CN=client" -out "$out/client.csr.pem"
cp client.key "$out/throwaway-private.key.pem"
for cert in root inter leaf leaf-other-key leaf-expired leaf-server-only leaf-no-ski not-ca entity-expired entity-future other-root; do
  openssl x509 -in "$cert.pem" -out "$out/$cert.pem"
done
# The leaf with one bit of its signature flipped (the last byte of the DER).
openssl x509 -in leaf.pem -outform DER -out leaf.der
python3 -c "import sys; d=bytearray(open('leaf.der','rb').read()); d[-1]^=1; open('bad.der','wb').write(d)"
openssl x509 -inform DER -in bad.der -out "$out/leaf-bad-signature.pem"
echo "fixtures written to $out"
