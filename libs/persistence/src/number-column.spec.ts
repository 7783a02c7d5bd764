import { numberColumn } from './number-column';

describe('numberColumn', () => {
  it('reads bigint and numeric strings back as numbers, and null as null', () => {
    expect(numberColumn.from('12345')).toBe(12_345);
    expect(numberColumn.from('-250')).toBe(-250);
    expect(numberColumn.from('21.00')).toBe(21);
    expect(numberColumn.from(null)).toBeNull();
  });

  it('writes numbers unchanged', () => {
    expect(numberColumn.to(42)).toBe(42);
    expect(numberColumn.to(null)).toBeNull();
  });

  it('refuses a stored value that a JavaScript number cannot hold exactly', () => {
    expect(numberColumn.from(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => numberColumn.from('9007199254740993')).toThrow(RangeError);
  });
});
