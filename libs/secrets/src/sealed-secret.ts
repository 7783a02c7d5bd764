import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

/**
 * A secret sealed to one recipient's X25519 key: ECIES in the shape of HPKE's base mode. A fresh
 * (ephemeral) X25519 key pair per secret agrees a shared secret with the recipient's public key;
 * HKDF-SHA256 turns it into a one-time AES-256-GCM key; the context (what the secret is for, e.g.
 * the order and machine of a root password) is the GCM additional data, so a sealed secret opens
 * only for the context it was sealed for. Every field is base64 (standard alphabet).
 */
export interface SealedSecret {
  readonly scheme: typeof SEALING_SCHEME;
  /** Which recipient key it is sealed to: the first 16 hex digits of SHA-256 of its raw public key. */
  readonly keyId: string;
  /** The sender's one-time X25519 public key, raw (32 bytes). */
  readonly ephemeralPublicKey: string;
  /** The AES-GCM nonce (12 bytes). */
  readonly iv: string;
  readonly ciphertext: string;
  /** The AES-GCM authentication tag (16 bytes). */
  readonly tag: string;
}

export const SEALING_SCHEME = 'x25519-hkdf-sha256-aes-256-gcm';

/** Why a sealed secret could not be opened; never holds the secret. */
export class SealedSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedSecretError';
  }
}

const HKDF_INFO = Buffer.from('rental-platform sealed secret v1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
const X25519_BYTES = 32;

/** Seals `secret` to the holder of the private key of `recipient`, for `context` only. */
export function sealSecret(secret: string, recipient: KeyObject, context: string): SealedSecret {
  assertX25519(recipient, 'public');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = rawPublicKey(ephemeral.publicKey);
  const key = contentKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), ephemeralRaw, rawPublicKey(recipient));
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return {
    scheme: SEALING_SCHEME,
    keyId: keyIdOf(recipient),
    ephemeralPublicKey: ephemeralRaw.toString('base64'),
    iv: iv.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

/**
 * Opens a sealed secret with the recipient's private key, for the context it was sealed for.
 * Throws SealedSecretError when it was sealed to another key, for another context, or altered.
 */
export function openSealedSecret(sealed: SealedSecret, recipient: KeyObject, context: string): string {
  assertX25519(recipient, 'private');
  if (sealed.scheme !== SEALING_SCHEME) throw new SealedSecretError(`unknown sealing scheme "${sealed.scheme}"; expected ${SEALING_SCHEME}`);
  const recipientPublic = createPublicKey(recipient);
  const ownKeyId = keyIdOf(recipientPublic);
  if (sealed.keyId !== ownKeyId) throw new SealedSecretError(`sealed to key ${sealed.keyId}, not to this key (${ownKeyId})`);
  const ephemeralRaw = bytes(sealed.ephemeralPublicKey, X25519_BYTES, 'ephemeralPublicKey');
  const iv = bytes(sealed.iv, IV_BYTES, 'iv');
  const tag = bytes(sealed.tag, TAG_BYTES, 'tag');
  const ephemeral = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephemeralRaw.toString('base64url') }, format: 'jwk' });
  const key = contentKey(diffieHellman({ privateKey: recipient, publicKey: ephemeral }), ephemeralRaw, rawPublicKey(recipientPublic));
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedSecretError('the sealed secret does not open: it was altered, or sealed for another context');
  }
}

/** The id a sealed secret names its recipient key by (of a public key, or of a private key's public half). */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

/** Both public keys go into the derivation, so a shared secret is bound to this exact pair (as in HPKE). */
function contentKey(shared: Buffer, ephemeralRaw: Buffer, recipientRaw: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralRaw, recipientRaw]), HKDF_INFO, 32));
}

function rawPublicKey(key: KeyObject): Buffer {
  const { x } = key.export({ format: 'jwk' });
  return Buffer.from(x!, 'base64url');
}

function assertX25519(key: KeyObject, type: 'public' | 'private'): void {
  if (key.type !== type || key.asymmetricKeyType !== 'x25519') {
    throw new SealedSecretError(`expected an X25519 ${type} key, got a ${key.asymmetricKeyType ?? 'symmetric'} ${key.type} key`);
  }
}

function bytes(base64: string, length: number, field: string): Buffer {
  const decoded = Buffer.from(base64, 'base64');
  if (decoded.length !== length) throw new SealedSecretError(`${field} must be ${length} bytes, got ${decoded.length}`);
  return decoded;
}
