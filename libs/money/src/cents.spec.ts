import { isCents, isNonNegativeCents, multiplyCents } from './cents';

describe('money', () => {
  it.each([0, 1, -1, 123_456, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER])('%p is cents', (value) => {
    expect(isCents(value)).toBe(true);
  });

  it.each([0.5, 1.01, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY, '100', null, undefined])('%p is not cents', (value) => {
    expect(isCents(value)).toBe(false);
  });

  it('non-negative cents exclude negatives but allow zero', () => {
    expect(isNonNegativeCents(0)).toBe(true);
    expect(isNonNegativeCents(250)).toBe(true);
    expect(isNonNegativeCents(-1)).toBe(false);
    expect(isNonNegativeCents(1.5)).toBe(false);
  });

  it('multiplies exactly', () => {
    expect(multiplyCents(1_999, 3)).toBe(5_997);
    expect(multiplyCents(0, 1_000)).toBe(0);
  });

  it('refuses a product that is no longer a safe integer', () => {
    expect(multiplyCents(Number.MAX_SAFE_INTEGER, 2)).toBeNull();
    expect(multiplyCents(2 ** 30, 2 ** 30)).toBeNull();
  });
});
