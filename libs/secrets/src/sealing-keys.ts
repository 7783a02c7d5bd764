import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { withProductionRule } from '@rental/config';
import { z } from 'zod';
import { keyIdOf } from './sealed-secret';

/**
 * DEVELOPMENT ONLY: a committed key pair, so that `npm start` and the tests seal and open secrets
 * with no configuration. Anyone can read it here, so a secret sealed to it is as good as clear:
 * production sets its own pair, and production mode refuses this one (isDevelopmentKey).
 */
export const DEVELOPMENT_SECRETS_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VuAyEAtrDQOypB19Eqss45fXH+65D+a324v11RwuxloKprRi4=
-----END PUBLIC KEY-----
`;

/** DEVELOPMENT ONLY: the private half of DEVELOPMENT_SECRETS_PUBLIC_KEY; see there. */
export const DEVELOPMENT_SECRETS_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VuBCIEIPAqzXO7eUOsg10nDfbS0cWgGIbeohwNBH9OxMy3ZMVF
-----END PRIVATE KEY-----
`;

const DEVELOPMENT_KEY_ID = keyIdOf(createPublicKey(DEVELOPMENT_SECRETS_PUBLIC_KEY));

/** True for either half of the committed development key pair, which production must not use. */
export function isDevelopmentKey(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'x25519' && keyIdOf(key) === DEVELOPMENT_KEY_ID;
}

const HOW_TO_MAKE =
  'generate a pair with `openssl genpkey -algorithm X25519 -out secrets.key` and take its public half with `openssl pkey -in secrets.key -pubout`';

/**
 * An X25519 key from a setting: the PEM itself (newlines may be written as \n, as env files often
 * do) or the path of a file holding it. Throws with what is wrong and how to make a right one; the
 * message never holds the key.
 */
export function readSealingKey(setting: string, type: 'public' | 'private'): KeyObject {
  const pem = setting.trimStart().startsWith('-----BEGIN') ? setting.replace(/\\n/g, '\n') : readKeyFile(setting);
  const label = type === 'public' ? 'PUBLIC KEY' : 'PRIVATE KEY';
  if (type === 'public' && /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new Error(`holds a private key where only the public key belongs; ${HOW_TO_MAKE}`);
  }
  let key: KeyObject;
  try {
    key = type === 'public' ? createPublicKey(pem) : createPrivateKey(pem);
  } catch {
    throw new Error(`is not a PEM ${label.toLowerCase()} (-----BEGIN ${label}-----); ${HOW_TO_MAKE}`);
  }
  if (key.asymmetricKeyType !== 'x25519') {
    throw new Error(`is a ${key.asymmetricKeyType} key, not an X25519 one; ${HOW_TO_MAKE}`);
  }
  return key;
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`is neither a PEM key nor a readable file (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}: ${path})`, { cause: error });
  }
}

/**
 * A configuration field (for loadConfig) holding a sealing key, with the development key as its
 * default; production refuses the development key, which anyone can read in this repository.
 */
export function sealingKeySetting(type: 'public' | 'private'): z.ZodType<KeyObject, string | undefined> {
  const fallback = type === 'public' ? DEVELOPMENT_SECRETS_PUBLIC_KEY : DEVELOPMENT_SECRETS_PRIVATE_KEY;
  const setting = z
    .string()
    .prefault(fallback)
    .transform((setting, ctx) => {
      try {
        return readSealingKey(setting, type);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });
  return withProductionRule(setting, (key) =>
    isDevelopmentKey(key as KeyObject)
      ? 'is the committed development key, refused in production: generate a pair of your own (openssl genpkey -algorithm X25519)'
      : undefined,
  );
}
