/**
 * Reads a certificate file named by certificatePath in ConnectionStrings.config
 * and reports what it is: PKCS#12, PEM or DER, whether the password opens it,
 * whether Node's TLS (OpenSSL 3) can load it, and the leaf certificate's subject
 * and validity. Messages never contain the password.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import type * as Forge from 'node-forge';
import { loadForge } from './forge.js';
import { Pkcs12Contents, readPkcs12 } from './pkcs12.js';

/** Encoding of a certificate file. */
export type CertificateFileKind = 'pkcs12' | 'pem' | 'der' | 'not-certificate';

/** Outcome of opening a certificate file with the given password. */
export type CertificateFileStatus =
  | 'ok'
  | 'wrong-password'
  | 'legacy-encryption'
  | 'not-found'
  | 'unreadable'
  | 'invalid';

/** Result of `inspectCertificateFile`. */
export interface CertificateInfo {
  path: string;
  kind: CertificateFileKind;
  status: CertificateFileStatus;
  /** True when the file needs a non-empty password: an encrypted PKCS#12 or PEM private key. */
  passwordProtected: boolean;
  /** True when the file contains a private key, which a TLS client certificate needs. */
  hasPrivateKey: boolean;
  /** Leaf certificate's subject as `CN=…, O=…`; absent when the file could not be read. */
  subject?: string;
  subjectCommonName?: string;
  issuer?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Plain-words explanation when `status` is not `ok` or the kind is `not-certificate`. */
  message?: string;
}

/** Validity of a certificate at a given time, as `certificateValidity` returns it. */
export type CertificateValidity = 'valid' | 'expires-soon' | 'expired' | 'not-yet-valid' | 'unknown';

/** A certificate that expires within this many days gets `expires-soon`. */
export const EXPIRY_WARNING_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Leaf certificate fields shared by all kinds of file. */
type CertificateFields = Pick<CertificateInfo, 'subject' | 'subjectCommonName' | 'issuer' | 'notBefore' | 'notAfter'>;

/**
 * Reads the file at `path` and inspects it with `password` (undefined or empty
 * means no password). Resolves for every file content; missing and unreadable
 * files give the status `not-found` and `unreadable`.
 */
export async function inspectCertificateFile(path: string, password: string | undefined): Promise<CertificateInfo> {
  let content: Buffer;
  try {
    content = await readFile(path);
  } catch (error) {
    return describeReadError(path, error as NodeJS.ErrnoException);
  }
  return inspectCertificateContent(path, content, password);
}

/** Inspects certificate bytes already read from `path`; see `inspectCertificateFile`. */
export function inspectCertificateContent(path: string, content: Buffer, password: string | undefined): CertificateInfo {
  const text = content.toString('latin1');
  if (text.includes('-----BEGIN ')) {
    return inspectPem(path, text, password);
  }
  const der = parseX509(content);
  if (der !== undefined) {
    return { path, kind: 'der', status: 'ok', passwordProtected: false, hasPrivateKey: false, ...describeX509(der) };
  }
  if (looksLikePkcs12(content)) {
    return inspectPkcs12(path, content, password);
  }
  return {
    ...notCertificate(path),
    message: `${path} is not a certificate: expected a PKCS#12 (.pfx/.p12), PEM or DER file.`,
  };
}

/** Classifies a certificate's notBefore/notAfter against `now`. */
export function certificateValidity(info: Pick<CertificateInfo, 'notBefore' | 'notAfter'>, now: Date = new Date()): CertificateValidity {
  if (info.notBefore === undefined || info.notAfter === undefined) {
    return 'unknown';
  }
  if (now < info.notBefore) {
    return 'not-yet-valid';
  }
  if (now > info.notAfter) {
    return 'expired';
  }
  return info.notAfter.getTime() - now.getTime() <= EXPIRY_WARNING_DAYS * DAY_MS ? 'expires-soon' : 'valid';
}

/** Formats a subject from Node's one-attribute-per-line form as `CN=…, O=…`. */
export function formatDistinguishedName(name: string): string {
  return name.split('\n').filter((part) => part.length > 0).join(', ');
}

function describeReadError(path: string, error: NodeJS.ErrnoException): CertificateInfo {
  const base = notCertificate(path);
  if (error.code === 'ENOENT') {
    return { ...base, status: 'not-found', message: `Certificate file not found: ${path}.` };
  }
  return { ...base, status: 'unreadable', message: `Certificate file ${path} could not be read (${error.code ?? error.message}).` };
}

function notCertificate(path: string): CertificateInfo {
  return { path, kind: 'not-certificate', status: 'invalid', passwordProtected: false, hasPrivateKey: false };
}

function parseX509(content: Buffer | string): X509Certificate | undefined {
  try {
    return new X509Certificate(content);
  } catch {
    return undefined;
  }
}

function describeX509(certificate: X509Certificate): CertificateFields {
  const commonName = certificate.subject
    .split('\n')
    .find((part) => part.startsWith('CN='))
    ?.slice('CN='.length);
  return {
    subject: formatDistinguishedName(certificate.subject),
    subjectCommonName: commonName,
    issuer: formatDistinguishedName(certificate.issuer),
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
  };
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]+?-----END \1PRIVATE KEY-----/;

function inspectPem(path: string, text: string, password: string | undefined): CertificateInfo {
  const certificateBlock = PEM_CERTIFICATE.exec(text)?.[0];
  const keyBlock = PEM_PRIVATE_KEY.exec(text)?.[0];
  // Both PKCS#8 "ENCRYPTED PRIVATE KEY" and traditional "Proc-Type: 4,ENCRYPTED" keys count as protected.
  const passwordProtected = keyBlock !== undefined && (keyBlock.includes('ENCRYPTED PRIVATE KEY') || keyBlock.includes('Proc-Type: 4,ENCRYPTED'));
  const base = { path, kind: 'pem' as const, passwordProtected, hasPrivateKey: keyBlock !== undefined };
  const certificate = certificateBlock === undefined ? undefined : parseX509(certificateBlock);
  if (certificate === undefined) {
    const found = keyBlock !== undefined ? 'a private key but no certificate' : 'no valid certificate';
    return { ...base, kind: 'not-certificate', status: 'invalid', message: `${path} is a PEM file with ${found}.` };
  }
  const fields = describeX509(certificate);
  if (keyBlock !== undefined && passwordProtected) {
    const keyProblem = checkPemKeyPassword(path, keyBlock, password);
    if (keyProblem !== undefined) {
      return { ...base, ...fields, ...keyProblem };
    }
  }
  return { ...base, ...fields, status: 'ok' };
}

function checkPemKeyPassword(path: string, keyBlock: string, password: string | undefined): Pick<CertificateInfo, 'status' | 'message'> | undefined {
  try {
    createPrivateKey({ key: keyBlock, passphrase: password ?? '' });
    return undefined;
  } catch {
    const reason = password ? 'the certificate password is wrong' : 'no certificate password is set';
    return { status: 'wrong-password', message: `The private key in ${path} is encrypted and ${reason}.` };
  }
}

/** Checks the PFX outline: SEQUENCE { INTEGER 3, SEQUENCE { OID … } … }. */
function looksLikePkcs12(content: Buffer): boolean {
  const forge = loadForge();
  try {
    const pfx = forge.asn1.fromDer(forge.util.createBuffer(content.toString('binary')), false);
    const children = pfx.value;
    if (!Array.isArray(children) || children.length < 2) {
      return false;
    }
    const [version, authSafe] = children;
    return version.type === forge.asn1.Type.INTEGER && version.value === '\u0003' && authSafe.type === forge.asn1.Type.SEQUENCE;
  } catch {
    return false;
  }
}

function inspectPkcs12(path: string, content: Buffer, password: string | undefined): CertificateInfo {
  const nodeResult = loadWithNode(content, password);
  const passwordProtected = loadWithNode(content, undefined) === 'wrong-password';
  const base = { path, kind: 'pkcs12' as const, passwordProtected };
  if (nodeResult === 'wrong-password') {
    const reason = password ? 'the certificate password is wrong' : 'it needs a certificate password and none is set';
    return { ...base, hasPrivateKey: false, status: 'wrong-password', message: `${path} could not be opened: ${reason} (MAC verification failed).` };
  }
  const contents = readPkcs12Leaf(content, password);
  if (nodeResult === 'legacy-encryption') {
    return {
      ...base,
      ...contents,
      status: 'legacy-encryption',
      message:
        `${path} uses legacy PKCS#12 encryption (RC2, RC4 or DES) that OpenSSL 3 does not load by default. ` +
        'Export it again with AES-256 encryption, for example: openssl pkcs12 -legacy -in OLD.pfx -nodes | openssl pkcs12 -export -out NEW.pfx',
    };
  }
  if (nodeResult === 'invalid') {
    return { ...base, ...contents, status: 'invalid', message: `${path} is not a valid PKCS#12 file.` };
  }
  return { ...base, ...contents, status: 'ok' };
}

type NodeLoadResult = 'ok' | 'wrong-password' | 'legacy-encryption' | 'invalid';

/** Loads the PFX the way the TLS connection will, because only OpenSSL can tell what it rejects. */
function loadWithNode(content: Buffer, password: string | undefined): NodeLoadResult {
  try {
    createSecureContext({ pfx: content, passphrase: password });
    return 'ok';
  } catch (error) {
    const message = (error as Error).message;
    if (message.includes('mac verify failure')) {
      return 'wrong-password';
    }
    if (message.includes('Unsupported PKCS12 PFX data')) {
      return 'legacy-encryption';
    }
    return 'invalid';
  }
}

/** Reads the certificates with Node's crypto where it can, else with node-forge, which also decrypts the legacy algorithms. */
function readPkcs12Leaf(content: Buffer, password: string | undefined): CertificateFields & { hasPrivateKey: boolean } {
  const contents = readPkcs12(content, password ?? '') ?? readPkcs12WithForge(content, password);
  if (contents === undefined) {
    // NOTE: forge rejects some files that OpenSSL reads; the status then comes from Node alone, without the subject.
    return { hasPrivateKey: false };
  }
  // The leaf is the certificate whose localKeyId matches the key's, else the first one that is not a CA.
  const keyId = contents.keyIds[0];
  const leaf =
    contents.certificates.find((entry) => keyId !== undefined && keyId !== '' && entry.localKeyId === keyId) ??
    contents.certificates.find((entry) => !entry.certificate.ca) ??
    contents.certificates[0];
  return { hasPrivateKey: contents.keyIds.length > 0, ...(leaf === undefined ? {} : describeX509(leaf.certificate)) };
}

function readPkcs12WithForge(content: Buffer, password: string | undefined): Pkcs12Contents | undefined {
  const forge = loadForge();
  let pfx: Forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(content.toString('binary')), false);
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password ?? '');
  } catch {
    return undefined;
  }
  const keyBags = [
    ...(pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(pfx.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const certificateBags = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const certificates: Pkcs12Contents['certificates'] = [];
  for (const bag of certificateBags) {
    const certificate = certificateFromBag(bag);
    if (certificate !== undefined) {
      certificates.push({ certificate, localKeyId: localKeyIdHex(bag) });
    }
  }
  return { certificates, keyIds: keyBags.map((bag) => localKeyIdHex(bag) ?? '') };
}

function localKeyIdHex(bag: Forge.pkcs12.Bag): string | undefined {
  const id = bag.attributes.localKeyId?.[0] as string | undefined;
  return id === undefined ? undefined : loadForge().util.bytesToHex(id);
}

function certificateFromBag(bag: Forge.pkcs12.Bag): X509Certificate | undefined {
  const forge = loadForge();
  // forge parses only RSA certificates into bag.cert; others stay as raw ASN.1 in bag.asn1.
  const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : (bag as { asn1?: Forge.asn1.Asn1 }).asn1;
  if (asn1 === undefined) {
    return undefined;
  }
  return parseX509(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
}
