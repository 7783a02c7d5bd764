import { CurrencyMismatchError, Money } from './money';

const eur = (cents: number) => Money.of(cents);

describe('Money', () => {
  it('defaults to EUR and keeps its cents', () => {
    expect(eur(1234).toPlain()).toEqual({ cents: 1234, currency: 'EUR' });
  });

  it.each([12.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])('rejects %s cents', (cents) => {
    expect(() => Money.of(cents)).toThrow(RangeError);
  });

  it.each(['eur', 'EURO', ''])('rejects the currency code "%s"', (currency) => {
    expect(() => Money.of(1, currency)).toThrow('ISO 4217');
  });

  it('adds and subtracts in the same currency', () => {
    expect(eur(1050).add(eur(275)).cents).toBe(1325);
    expect(eur(1050).subtract(eur(2000)).cents).toBe(-950);
  });

  it('rejects mixing currencies in add, subtract and compare', () => {
    const dollars = Money.of(100, 'USD');
    expect(() => eur(100).add(dollars)).toThrow(CurrencyMismatchError);
    expect(() => eur(100).subtract(dollars)).toThrow('cannot combine EUR with USD');
    expect(() => eur(100).compare(dollars)).toThrow(CurrencyMismatchError);
  });

  it('multiplies by an integer and rejects fractions', () => {
    expect(eur(1999).multiply(3).cents).toBe(5997);
    expect(eur(1999).multiply(0).isZero()).toBe(true);
    expect(() => eur(1999).multiply(1.5)).toThrow('factor must be a safe integer');
  });

  it('fails loudly instead of overflowing past safe integers', () => {
    expect(() => eur(Number.MAX_SAFE_INTEGER).add(eur(1))).toThrow(RangeError);
    expect(() => eur(Number.MAX_SAFE_INTEGER).multiply(2)).toThrow(RangeError);
  });

  it('compares by value and currency', () => {
    expect(eur(100).equals(eur(100))).toBe(true);
    expect(eur(100).equals(eur(101))).toBe(false);
    expect(eur(100).equals(Money.of(100, 'USD'))).toBe(false);
    expect(eur(5).compare(eur(7))).toBe(-1);
    expect(eur(7).compare(eur(7))).toBe(0);
    expect(eur(9).compare(eur(7))).toBe(1);
  });

  describe('percentage', () => {
    it.each([
      [10_000, 21, 2100],
      [1, 21, 0], // 0.21 cent rounds down
      [2, 25, 1], // exactly half a cent rounds up
      [10, 45, 5], // 4.5 cents rounds up
      [13, 21, 3], // 2.73 cents rounds up
      [12, 21, 3], // 2.52 cents rounds up
      [11, 21, 2], // 2.31 cents rounds down
      [1000, 5.5, 55],
      [999, 0, 0],
    ])('%i cents at %d%% is %i cents', (cents, percent, expected) => {
      expect(eur(cents).percentage(percent).cents).toBe(expected);
    });

    it('rounds negative amounts away from zero, mirroring the positive amount', () => {
      expect(eur(-2).percentage(25).cents).toBe(-1);
      expect(eur(-13).percentage(21).cents).toBe(-eur(13).percentage(21).cents);
    });

    it('is exact for amounts whose product exceeds 2^53', () => {
      // 900719925474099 * 2100 overflows doubles; the exact result is 189151184349560.79 -> ...561
      expect(eur(900_719_925_474_099).percentage(21).cents).toBe(189_151_184_349_561);
    });

    it.each([5.555, -1, Number.NaN])('rejects the percentage %s', (percent) => {
      expect(() => eur(100).percentage(percent)).toThrow(RangeError);
    });
  });

  it('prints as currency and decimal amount', () => {
    expect(eur(123_456).toString()).toBe('EUR 1234.56');
    expect(eur(-5).toString()).toBe('EUR -0.05');
  });

  it('round-trips through its plain form', () => {
    expect(Money.fromPlain({ cents: 42, currency: 'EUR' }).equals(eur(42))).toBe(true);
    expect(JSON.parse(JSON.stringify({ total: eur(42) }))).toEqual({ total: { cents: 42, currency: 'EUR' } });
  });
});
