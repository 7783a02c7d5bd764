import { generateRootPassword, type RandomInt, ROOT_PASSWORD_ALPHABET, ROOT_PASSWORD_LENGTH } from './root-password';

/** Returns the given values in turn, recording the range it was asked for. */
function sequence(values: number[]): RandomInt & { asked: number[] } {
  const asked: number[] = [];
  let next = 0;
  const random = (maxExclusive: number) => {
    asked.push(maxExclusive);
    const value = values[next % values.length];
    next += 1;
    return value;
  };
  return Object.assign(random, { asked });
}

describe('generateRootPassword', () => {
  it('draws 20 characters from the alphabet, one random index each', () => {
    const random = sequence([0, 1, 55]);
    const password = generateRootPassword(random);
    expect(password).toBe('AB9AB9AB9AB9AB9AB9AB');
    expect(random.asked).toEqual(Array(20).fill(56));
    expect(ROOT_PASSWORD_LENGTH).toBe(20);
  });

  it('is deterministic for a given source', () => {
    const values = Array.from({ length: 20 }, (_, index) => (index * 7) % 56);
    expect(generateRootPassword(sequence(values))).toBe(generateRootPassword(sequence(values)));
  });

  it('uses no ambiguous characters and no character twice in the alphabet', () => {
    expect(ROOT_PASSWORD_ALPHABET).toHaveLength(56);
    expect(ROOT_PASSWORD_ALPHABET).not.toMatch(/[0O1lIo]/);
    expect(new Set(ROOT_PASSWORD_ALPHABET).size).toBe(ROOT_PASSWORD_ALPHABET.length);
    const everyIndex = generateRootPassword(sequence(Array.from({ length: 56 }, (_, index) => index)));
    expect(everyIndex).toMatch(new RegExp(`^[${ROOT_PASSWORD_ALPHABET}]{20}$`));
  });

  it.each([56, -1, 1.5, Number.NaN])('throws when the random source returns %p', (value) => {
    expect(() => generateRootPassword(sequence([value]))).toThrow(RangeError);
  });
});
