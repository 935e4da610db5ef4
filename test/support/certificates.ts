/**
 * Test certificates made with the openssl command line in a temporary folder:
 * two CAs, server and client certificates, PKCS#12 files in modern and legacy
 * encryption, an expired and a soon-expiring certificate, in PEM and DER form.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Paths of the generated files, and the password that protects the PKCS#12 files and the encrypted key. */
export interface TestCertificates {
  dir: string;
  password: string;
  /** CA that signs the server and the trusted client certificates, PEM and DER. */
  caCert: string;
  caCertDer: string;
  /** A second CA that Redis does not trust. */
  otherCaCert: string;
  /** Server certificate with CN `localhost` and SANs `DNS:localhost`, `IP:127.0.0.1`. */
  serverCert: string;
  serverKey: string;
  /** Server certificate signed by the CA whose SAN is only `DNS:redis.example.internal`. */
  mismatchServerCert: string;
  /** Self-signed server certificate for `localhost`, `127.0.0.1`. */
  selfSignedServerCert: string;
  /** Client certificate (CN `creatio-client`) signed by the CA. */
  clientCert: string;
  clientKey: string;
  /** Client certificate and unencrypted key in one PEM file. */
  clientPem: string;
  /** Client certificate and a key encrypted with `password`, in one PEM file. */
  clientEncryptedPem: string;
  clientCertDer: string;
  /** PKCS#12 with client key, certificate and CA, encrypted with `password` (AES-256, SHA-256 MAC). */
  clientPfx: string;
  /** PKCS#12 like `clientPfx` but with the empty password. */
  clientPfxNoPassword: string;
  /** PKCS#12 like `clientPfx` in the legacy RC2-40 / 3DES encryption that OpenSSL 3 rejects by default. */
  clientPfxLegacy: string;
  /** PKCS#12 with a client certificate (CN `foreign-client`) from the other CA. */
  otherCaClientPfx: string;
  /**
   * Certificate (CN `expired-client`, key `clientKey`) valid from 2020-01-01 to 2021-01-01. It allows
   * client and server use and names `localhost`, `127.0.0.1`, so it serves as an expired server certificate too.
   */
  expiredCert: string;
  expiredPfx: string;
  /** Client certificate (CN `expiring-client`) that expires in 10 days. */
  expiringCert: string;
  expiringPfx: string;
  /** A text file that is not a certificate. */
  notCertificate: string;
}

const OPENSSL_CA_CONFIG = `[ ca ]
default_ca = test_ca
[ test_ca ]
database = ca-db/index.txt
new_certs_dir = ca-db
serial = ca-db/serial
default_md = sha256
policy = any_name
unique_subject = no
copy_extensions = copy
[ any_name ]
commonName = supplied
`;

// Cluster nodes present the server certificate as a client on the TLS cluster bus, so it allows clientAuth too.
const SERVER_EXTENSIONS = 'basicConstraints=critical,CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth,clientAuth\n';
const CLIENT_EXTENSIONS = 'basicConstraints=critical,CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\n';

/**
 * Creates all test certificates in a new folder under the OS temp folder.
 * Needs the `openssl` command (OpenSSL 3); run `scripts/redis/install.sh` if it is missing.
 */
export async function createTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'creatio-redis-certs-'));
  const path = (name: string): string => join(dir, name);
  const password = 'pfx-Secret-7Q2';
  const openssl = (...args: string[]) => runOpenssl(dir, args);

  // RSA key generation is the slow part, so the four keys are made in parallel.
  await Promise.all(['ca', 'other-ca', 'server', 'client'].map((name) => openssl('genrsa', '-out', `${name}.key`, '2048')));

  await writeFile(path('server.ext'), `${SERVER_EXTENSIONS}subjectAltName=DNS:localhost,IP:127.0.0.1\n`);
  await writeFile(path('mismatch.ext'), `${SERVER_EXTENSIONS}subjectAltName=DNS:redis.example.internal\n`);
  await writeFile(path('client.ext'), CLIENT_EXTENSIONS);
  await writeFile(path('not-a-certificate.txt'), 'This file is not a certificate.\n');

  await Promise.all([
    makeCa(openssl, 'ca', 'Creatio Test CA'),
    makeCa(openssl, 'other-ca', 'Other Test CA'),
    openssl('req', '-new', '-key', 'server.key', '-subj', '/CN=localhost', '-out', 'server.csr'),
    openssl('req', '-new', '-key', 'server.key', '-subj', '/CN=redis.example.internal', '-out', 'mismatch.csr'),
    openssl('req', '-new', '-key', 'client.key', '-subj', '/CN=creatio-client', '-out', 'client.csr'),
    openssl('req', '-new', '-key', 'client.key', '-subj', '/CN=foreign-client', '-out', 'foreign.csr'),
    openssl('req', '-new', '-key', 'client.key', '-subj', '/CN=expiring-client', '-out', 'expiring.csr'),
    openssl('req', '-new', '-key', 'client.key', '-subj', '/CN=expired-client', '-out', 'expired.csr'),
  ]);

  await Promise.all([
    signCertificate(openssl, 'server', 'ca', 'server.ext', 365, 1001),
    signCertificate(openssl, 'mismatch', 'ca', 'mismatch.ext', 365, 1002),
    signCertificate(openssl, 'client', 'ca', 'client.ext', 365, 1003),
    signCertificate(openssl, 'foreign', 'other-ca', 'client.ext', 365, 1004),
    signCertificate(openssl, 'expiring', 'ca', 'client.ext', 10, 1005),
    makeExpiredCertificate(openssl, dir),
    openssl(
      'req', '-x509', '-key', 'server.key', '-subj', '/CN=localhost', '-days', '365',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-out', 'self-signed-server.crt',
    ),
  ]);

  const pass = `pass:${password}`;
  await Promise.all([
    concatenate(dir, 'client.pem', ['client.crt', 'client.key']),
    openssl('pkey', '-in', 'client.key', '-aes256', '-passout', pass, '-out', 'client-encrypted.key'),
    openssl('x509', '-in', 'client.crt', '-outform', 'DER', '-out', 'client.der'),
    openssl('x509', '-in', 'ca.crt', '-outform', 'DER', '-out', 'ca.der'),
    exportPfx(openssl, 'client', 'ca', 'client.pfx', pass),
    exportPfx(openssl, 'client', 'ca', 'client-no-password.pfx', 'pass:'),
    exportPfx(openssl, 'client', 'ca', 'client-legacy.pfx', pass, ['-legacy', '-certpbe', 'PBE-SHA1-RC2-40']),
    exportPfx(openssl, 'foreign', 'other-ca', 'foreign-client.pfx', pass),
    exportPfx(openssl, 'expired', 'ca', 'expired.pfx', pass),
    exportPfx(openssl, 'expiring', 'ca', 'expiring.pfx', pass),
  ]);
  await concatenate(dir, 'client-encrypted.pem', ['client.crt', 'client-encrypted.key']);

  return {
    dir,
    password,
    caCert: path('ca.crt'),
    caCertDer: path('ca.der'),
    otherCaCert: path('other-ca.crt'),
    serverCert: path('server.crt'),
    serverKey: path('server.key'),
    mismatchServerCert: path('mismatch.crt'),
    selfSignedServerCert: path('self-signed-server.crt'),
    clientCert: path('client.crt'),
    clientKey: path('client.key'),
    clientPem: path('client.pem'),
    clientEncryptedPem: path('client-encrypted.pem'),
    clientCertDer: path('client.der'),
    clientPfx: path('client.pfx'),
    clientPfxNoPassword: path('client-no-password.pfx'),
    clientPfxLegacy: path('client-legacy.pfx'),
    otherCaClientPfx: path('foreign-client.pfx'),
    expiredCert: path('expired.crt'),
    expiredPfx: path('expired.pfx'),
    expiringCert: path('expiring.crt'),
    expiringPfx: path('expiring.pfx'),
    notCertificate: path('not-a-certificate.txt'),
  };
}

/** Deletes the folder made by `createTestCertificates`. */
export async function removeTestCertificates(certificates: TestCertificates): Promise<void> {
  await rm(certificates.dir, { recursive: true, force: true });
}

type Openssl = (...args: string[]) => Promise<void>;

async function runOpenssl(cwd: string, args: string[]): Promise<void> {
  try {
    await execFileAsync('openssl', args, { cwd });
  } catch (error) {
    const detail = error as { code?: string; stderr?: string; message: string };
    if (detail.code === 'ENOENT') {
      throw new Error('openssl not found: run scripts/redis/install.sh as root.');
    }
    throw new Error(`openssl ${args.join(' ')} failed: ${detail.stderr ?? detail.message}`);
  }
}

function makeCa(openssl: Openssl, name: string, commonName: string): Promise<void> {
  return openssl(
    'req', '-x509', '-key', `${name}.key`, '-subj', `/CN=${commonName}`, '-days', '365',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-out', `${name}.crt`,
  );
}

function signCertificate(openssl: Openssl, name: string, ca: string, extensions: string, days: number, serial: number): Promise<void> {
  return openssl(
    'x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`,
    '-set_serial', String(serial), '-days', String(days), '-extfile', extensions, '-out', `${name}.crt`,
  );
}

/** Signs `expired.csr` with `openssl ca`, because `openssl x509` in OpenSSL 3.0 cannot set a past validity. */
async function makeExpiredCertificate(openssl: Openssl, dir: string): Promise<void> {
  await execFileAsync('mkdir', ['-p', join(dir, 'ca-db')]);
  await writeFile(join(dir, 'ca-db', 'index.txt'), '');
  await writeFile(join(dir, 'ca-db', 'serial'), '2001\n');
  await writeFile(join(dir, 'ca.cnf'), OPENSSL_CA_CONFIG);
  await openssl(
    'ca', '-batch', '-config', 'ca.cnf', '-cert', 'ca.crt', '-keyfile', 'ca.key', '-in', 'expired.csr',
    '-startdate', '20200101000000Z', '-enddate', '20210101000000Z', '-extfile', 'server.ext', '-notext', '-out', 'expired.crt',
  );
}

function exportPfx(openssl: Openssl, name: string, ca: string, output: string, pass: string, extra: string[] = []): Promise<void> {
  return openssl(
    'pkcs12', '-export', '-inkey', 'client.key', '-in', `${name}.crt`, '-certfile', `${ca}.crt`,
    '-name', name, '-passout', pass, ...extra, '-out', output,
  );
}

async function concatenate(dir: string, output: string, inputs: string[]): Promise<void> {
  const parts = await Promise.all(inputs.map((input) => readFile(join(dir, input), 'utf8')));
  await writeFile(join(dir, output), parts.join(''));
}
