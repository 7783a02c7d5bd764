import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { openSealedSecret, sealSecret } from './sealed-secret';
import { DEVELOPMENT_SECRETS_PRIVATE_KEY, DEVELOPMENT_SECRETS_PUBLIC_KEY, isDevelopmentKey, readSealingKey, sealingKeySetting } from './sealing-keys';

const pair = generateKeyPairSync('x25519');
const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('sealing keys', () => {
  it('reads a PEM, one written with \\n for newlines, and a file holding one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sealing-keys-'));
    writeFileSync(join(dir, 'secrets.key'), privatePem);
    const fromPem = readSealingKey(publicPem, 'public');
    const fromEscaped = readSealingKey(publicPem.replace(/\n/g, '\\n'), 'public');
    const fromFile = readSealingKey(join(dir, 'secrets.key'), 'private');
    const sealed = sealSecret('s3cret-password', fromEscaped, 'ctx');
    expect(openSealedSecret(sealed, fromFile, 'ctx')).toBe('s3cret-password');
    expect(fromPem.equals(fromEscaped)).toBe(true);
  });

  it('refuses a private key where the public key belongs, without echoing it', () => {
    const refusal = () => readSealingKey(privatePem, 'public');
    expect(refusal).toThrow('holds a private key where only the public key belongs');
    try {
      refusal();
    } catch (error) {
      expect((error as Error).message).not.toContain(privatePem.split('\n')[1]);
    }
  });

  it('refuses keys of another kind, garbage and missing files with how to make a right one', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => readSealingKey(rsa, 'public')).toThrow('is a rsa key, not an X25519 one; generate a pair with `openssl genpkey -algorithm X25519');
    expect(() => readSealingKey('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----', 'private')).toThrow('is not a PEM private key');
    expect(() => readSealingKey('/nowhere/secrets.key', 'private')).toThrow('is neither a PEM key nor a readable file (ENOENT: /nowhere/secrets.key)');
  });

  it('knows either half of the development pair, and no other key', () => {
    expect(isDevelopmentKey(readSealingKey(DEVELOPMENT_SECRETS_PUBLIC_KEY, 'public'))).toBe(true);
    expect(isDevelopmentKey(readSealingKey(DEVELOPMENT_SECRETS_PRIVATE_KEY, 'private'))).toBe(true);
    expect(isDevelopmentKey(pair.publicKey)).toBe(false);
    expect(isDevelopmentKey(pair.privateKey)).toBe(false);
  });

  it('the development pair is a pair: what is sealed to its public half opens with its private half', () => {
    const sealed = sealSecret('dev', readSealingKey(DEVELOPMENT_SECRETS_PUBLIC_KEY, 'public'), 'ctx');
    expect(openSealedSecret(sealed, readSealingKey(DEVELOPMENT_SECRETS_PRIVATE_KEY, 'private'), 'ctx')).toBe('dev');
  });

  it('as a setting: the development key when unset, the given key otherwise, an issue for a bad one', () => {
    const schema = z.object({ KEY: sealingKeySetting('private') });
    expect(isDevelopmentKey(schema.parse({ KEY: undefined }).KEY)).toBe(true);
    expect(schema.parse({ KEY: privatePem }).KEY.equals(pair.privateKey)).toBe(true);
    const bad = schema.safeParse({ KEY: publicPem });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].message).toMatch(/^is not a PEM private key/);
  });
});
