import { randomBytes } from 'node:crypto';
import { sha256Hex } from './sha256';

const KEY_PREFIX = 'rk_live_';
/** How much of a key is kept in clear, so that a person can tell two keys apart in a list. */
const VISIBLE_PREFIX_LENGTH = KEY_PREFIX.length + 4;

export interface IssuedApiKey {
  /** Shown to the customer once; never stored. */
  secret: string;
  hash: string;
  prefix: string;
}

/** 32 random bytes (256 bits): guessing is hopeless, so a fast hash without salt is enough to store it. */
export function issueApiKey(): IssuedApiKey {
  const secret = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiKey(secret), prefix: secret.slice(0, VISIBLE_PREFIX_LENGTH) };
}

export function hashApiKey(secret: string): string {
  return sha256Hex(secret);
}
