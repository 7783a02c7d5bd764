import { generateKeyPairSync } from 'node:crypto';
import { keyIdOf, openSealedSecret, type SealedSecret, SealedSecretError, SEALING_SCHEME, sealSecret } from './sealed-secret';

const recipient = generateKeyPairSync('x25519');
const CONTEXT = 'machine.running rootPassword order=o-1 machine=m-1';
const SECRET = 'Xq7&<k"9Lm\'2vR-ü';

/** Flips one bit of a base64 field. */
function flipped(base64: string, byte = 0): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[byte] ^= 0x01;
  return bytes.toString('base64');
}

describe('sealed secrets (X25519 + HKDF-SHA256 + AES-256-GCM)', () => {
  it('opens what it sealed, with the recipient key and the same context', () => {
    const sealed = sealSecret(SECRET, recipient.publicKey, CONTEXT);
    expect(openSealedSecret(sealed, recipient.privateKey, CONTEXT)).toBe(SECRET);
  });

  it('says how it is sealed and to which key, and holds no trace of the secret', () => {
    const sealed = sealSecret(SECRET, recipient.publicKey, CONTEXT);
    expect(sealed.scheme).toBe(SEALING_SCHEME);
    expect(sealed.keyId).toBe(keyIdOf(recipient.publicKey));
    expect(sealed.keyId).toBe(keyIdOf(recipient.privateKey));
    expect(Buffer.from(sealed.ephemeralPublicKey, 'base64')).toHaveLength(32);
    expect(Buffer.from(sealed.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(sealed.tag, 'base64')).toHaveLength(16);
    expect(JSON.stringify(sealed)).not.toContain('Xq7');
    expect(Buffer.from(sealed.ciphertext, 'base64').toString('latin1')).not.toContain('Xq7');
  });

  it('seals the same secret differently each time (a fresh key and nonce per secret)', () => {
    const a = sealSecret(SECRET, recipient.publicKey, CONTEXT);
    const b = sealSecret(SECRET, recipient.publicKey, CONTEXT);
    expect(a.ephemeralPublicKey).not.toBe(b.ephemeralPublicKey);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it.each<[string, (s: SealedSecret) => SealedSecret]>([
    ['the ciphertext', (s) => ({ ...s, ciphertext: flipped(s.ciphertext) })],
    ['the tag', (s) => ({ ...s, tag: flipped(s.tag, 15) })],
    ['the nonce', (s) => ({ ...s, iv: flipped(s.iv, 5) })],
    ['the ephemeral key', (s) => ({ ...s, ephemeralPublicKey: sealSecret(SECRET, recipient.publicKey, CONTEXT).ephemeralPublicKey })],
  ])('detects a change to %s', (_, tamper) => {
    const sealed = tamper(sealSecret(SECRET, recipient.publicKey, CONTEXT));
    expect(() => openSealedSecret(sealed, recipient.privateKey, CONTEXT)).toThrow(SealedSecretError);
  });

  it('refuses another key, naming both key ids', () => {
    const other = generateKeyPairSync('x25519');
    const sealed = sealSecret(SECRET, recipient.publicKey, CONTEXT);
    expect(() => openSealedSecret(sealed, other.privateKey, CONTEXT)).toThrow(
      `sealed to key ${keyIdOf(recipient.publicKey)}, not to this key (${keyIdOf(other.publicKey)})`,
    );
  });

  it('refuses another key even when the key id is forged to match', () => {
    const other = generateKeyPairSync('x25519');
    const sealed = { ...sealSecret(SECRET, recipient.publicKey, CONTEXT), keyId: keyIdOf(other.publicKey) };
    expect(() => openSealedSecret(sealed, other.privateKey, CONTEXT)).toThrow('it was altered, or sealed for another context');
  });

  it('refuses another context: a password sealed for one machine does not open for another', () => {
    const sealed = sealSecret(SECRET, recipient.publicKey, CONTEXT);
    expect(() => openSealedSecret(sealed, recipient.privateKey, 'machine.running rootPassword order=o-1 machine=m-2')).toThrow(
      'it was altered, or sealed for another context',
    );
  });

  it('refuses an unknown scheme and fields of the wrong size with what is wrong', () => {
    const sealed = sealSecret(SECRET, recipient.publicKey, CONTEXT);
    expect(() => openSealedSecret({ ...sealed, scheme: 'rsa' as typeof SEALING_SCHEME }, recipient.privateKey, CONTEXT)).toThrow(
      'unknown sealing scheme "rsa"',
    );
    expect(() => openSealedSecret({ ...sealed, iv: 'AAAA' }, recipient.privateKey, CONTEXT)).toThrow('iv must be 12 bytes, got 3');
  });

  it('seals only to an X25519 public key and opens only with an X25519 private key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => sealSecret(SECRET, rsa.publicKey, CONTEXT)).toThrow('expected an X25519 public key, got a rsa public key');
    expect(() => sealSecret(SECRET, recipient.privateKey, CONTEXT)).toThrow('expected an X25519 public key');
    const sealed = sealSecret(SECRET, recipient.publicKey, CONTEXT);
    expect(() => openSealedSecret(sealed, recipient.publicKey, CONTEXT)).toThrow('expected an X25519 private key');
  });
});
