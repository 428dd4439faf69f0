#!/usr/bin/env bash
# Remakes sample-chain.pem (leaf, issuing CA, root) with openssl; the keys are thrown away.
set -euo pipefail
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT; cd "$dir"
cat > ext.cnf <<'CNF'
[root]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[inter]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth, serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:client.example.com, DNS:*.client.example.com, IP:192.0.2.10, IP:2001:db8::10, email:ops@example.com, URI:spiffe://example.com/ns/prod/sa/reporting
certificatePolicies = 2.23.140.1.2.1
crlDistributionPoints = URI:http://crl.example.com/intermediate.crl
authorityInfoAccess = OCSP;URI:http://ocsp.example.com, caIssuers;URI:http://ca.example.com/intermediate.crt
CNF
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out root.key
openssl req -new -key root.key -subj "/C=US/O=certkit Sample/CN=certkit Sample Root CA" -out root.csr
openssl x509 -req -in root.csr -signkey root.key -days 7300 -set_serial 1 -extfile ext.cnf -extensions root -out root.pem
openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out inter.key
openssl req -new -key inter.key -subj "/C=US/O=certkit Sample/CN=certkit Sample Issuing CA" -out inter.csr
openssl x509 -req -in inter.csr -CA root.pem -CAkey root.key -set_serial 4096 -days 3650 -extfile ext.cnf -extensions inter -out inter.pem
openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out leaf.key
openssl req -new -key leaf.key -subj "/C=US/ST=California/L=Mountain View/O=Example Analytics, Inc./OU=Reporting/CN=client.example.com" -out leaf.csr
openssl x509 -req -in leaf.csr -CA inter.pem -CAkey inter.key -days 1825 -extfile ext.cnf -extensions leaf -out leaf.pem
cat leaf.pem inter.pem root.pem > "$OLDPWD/sample-chain.pem"
