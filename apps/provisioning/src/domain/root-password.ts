/**
 * A source of randomness: an integer from 0 up to (not including) `maxExclusive`, uniformly.
 * Production passes node:crypto's `randomInt`; tests pass a fixed sequence.
 */
export type RandomInt = (maxExclusive: number) => number;

/** Letters and digits that cannot be mistaken for one another when read aloud or retyped (no 0/O/o, 1/l/I). */
export const ROOT_PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** 20 characters from 56 symbols: about 116 bits. */
export const ROOT_PASSWORD_LENGTH = 20;

export function generateRootPassword(randomInt: RandomInt): string {
  const size = ROOT_PASSWORD_ALPHABET.length;
  let password = '';
  for (let position = 0; position < ROOT_PASSWORD_LENGTH; position += 1) {
    const index = randomInt(size);
    // A broken source would quietly weaken every password, so it is a bug that stops here.
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new RangeError(`root password: random source returned ${index} for a range of ${size}`);
    }
    password += ROOT_PASSWORD_ALPHABET[index];
  }
  return password;
}
