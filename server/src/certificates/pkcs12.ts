/**
 * Reads the certificates of a PKCS#12 file with Node's crypto for the PBES2
 * encryption (PBKDF2 with AES or 3DES) that OpenSSL 3 and current Windows
 * write. node-forge reads the same files in pure JavaScript but takes hundreds
 * of milliseconds for the key derivations, which would block a language server.
 * Files in other encryptions return undefined so the caller can use node-forge.
 */
import { X509Certificate, createDecipheriv, pbkdf2Sync } from 'node:crypto';
import type * as Forge from 'node-forge';
import { loadForge } from './forge.js';

/** Certificates and key presence found in a PKCS#12 file. */
export interface Pkcs12Contents {
  certificates: { certificate: X509Certificate; localKeyId?: string }[];
  /** localKeyId of each private key bag, as hex; an empty string for a key bag without one. */
  keyIds: string[];
}

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
};

const PRF_DIGESTS: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};

const CIPHERS: Record<string, { name: string; keyLength: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};

/**
 * Returns the certificates and key ids of a PKCS#12 file whose password Node
 * has already accepted, or undefined when it uses an encryption other than
 * PBES2 with PBKDF2, or a structure this reader does not know.
 */
export function readPkcs12(content: Buffer, password: string): Pkcs12Contents | undefined {
  const forge = loadForge();
  try {
    const pfx = parseDer(content);
    const authSafe = children(pfx)[1];
    const authenticatedSafe = parseDer(octets(explicitContent(authSafe)));
    const contents: Pkcs12Contents = { certificates: [], keyIds: [] };
    for (const contentInfo of children(authenticatedSafe)) {
      const [typeNode] = children(contentInfo);
      const type = forge.asn1.derToOid(typeNode.value as string);
      if (type !== OID.data && type !== OID.encryptedData) {
        return undefined;
      }
      const content = explicitContent(contentInfo);
      const safeContents = type === OID.data ? octets(content) : decryptEncryptedData(content, password);
      readSafeBags(parseDer(safeContents), contents);
    }
    return contents;
  } catch {
    // An encryption other than PBES2, or a structure this reader does not know.
    return undefined;
  }
}

function parseDer(bytes: Buffer): Forge.asn1.Asn1 {
  const forge = loadForge();
  return forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')), false);
}

function children(node: Forge.asn1.Asn1): Forge.asn1.Asn1[] {
  if (!Array.isArray(node.value)) {
    throw new Error('expected a constructed ASN.1 value');
  }
  return node.value;
}

/** Returns the value inside the `[0] EXPLICIT` field of a ContentInfo or bag. */
function explicitContent(node: Forge.asn1.Asn1): Forge.asn1.Asn1 {
  return children(children(node)[1])[0];
}

/** Returns the bytes of an OCTET STRING, joining the pieces of a BER constructed one. */
function octets(node: Forge.asn1.Asn1): Buffer {
  if (Array.isArray(node.value)) {
    return Buffer.concat(node.value.map(octets));
  }
  return Buffer.from(node.value, 'binary');
}

function decryptEncryptedData(encryptedData: Forge.asn1.Asn1, password: string): Buffer {
  const encryptedContentInfo = children(encryptedData)[1];
  const [, algorithm, encryptedContent] = children(encryptedContentInfo);
  return decryptPbes2(algorithm, octets(encryptedContent), password);
}

/** Decrypts PBES2 content (RFC 8018): PBKDF2 derives the key from the UTF-8 password, then AES or 3DES in CBC mode. */
function decryptPbes2(algorithm: Forge.asn1.Asn1, ciphertext: Buffer, password: string): Buffer {
  const forge = loadForge();
  const [algorithmOid, parameters] = children(algorithm);
  if (forge.asn1.derToOid(algorithmOid.value as string) !== OID.pbes2) {
    throw new Error('not PBES2');
  }
  const [keyDerivation, encryptionScheme] = children(parameters);
  const [kdfOid, kdfParameters] = children(keyDerivation);
  if (forge.asn1.derToOid(kdfOid.value as string) !== OID.pbkdf2) {
    throw new Error('not PBKDF2');
  }
  const [cipherOid, iv] = children(encryptionScheme);
  const cipher = CIPHERS[forge.asn1.derToOid(cipherOid.value as string)];
  if (cipher === undefined) {
    throw new Error('unknown cipher');
  }
  const [salt, iterations, ...optional] = children(kdfParameters);
  // keyLength (INTEGER) and prf (SEQUENCE) are both optional; the PRF defaults to HMAC-SHA1.
  const prf = optional.find((node) => node.type === forge.asn1.Type.SEQUENCE);
  const digest = prf === undefined ? 'sha1' : PRF_DIGESTS[forge.asn1.derToOid(children(prf)[0].value as string)];
  if (digest === undefined) {
    throw new Error('unknown PRF');
  }
  const iterationCount = Number.parseInt(forge.util.bytesToHex(iterations.value as string), 16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), octets(salt), iterationCount, cipher.keyLength, digest);
  const decipher = createDecipheriv(cipher.name, key, octets(iv));
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

function readSafeBags(safeContents: Forge.asn1.Asn1, contents: Pkcs12Contents): void {
  const forge = loadForge();
  for (const bag of children(safeContents)) {
    const [bagIdNode, , attributes] = children(bag);
    const bagId = forge.asn1.derToOid(bagIdNode.value as string);
    const localKeyId = attributes === undefined ? undefined : readLocalKeyId(attributes);
    if (bagId === OID.keyBag || bagId === OID.shroudedKeyBag) {
      contents.keyIds.push(localKeyId ?? '');
    } else if (bagId === OID.certBag) {
      const certificate = readCertBag(explicitContent(bag));
      if (certificate !== undefined) {
        contents.certificates.push({ certificate, localKeyId });
      }
    }
  }
}

function readCertBag(certBag: Forge.asn1.Asn1): X509Certificate | undefined {
  const forge = loadForge();
  const [certIdNode] = children(certBag);
  if (forge.asn1.derToOid(certIdNode.value as string) !== OID.x509Certificate) {
    return undefined;
  }
  return new X509Certificate(octets(explicitContent(certBag)));
}

function readLocalKeyId(attributes: Forge.asn1.Asn1): string | undefined {
  const forge = loadForge();
  for (const attribute of children(attributes)) {
    const [oidNode, values] = children(attribute);
    if (forge.asn1.derToOid(oidNode.value as string) === OID.localKeyId) {
      return octets(children(values)[0]).toString('hex');
    }
  }
  return undefined;
}
