import type { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL's bigint and numeric arrive as strings, because they can exceed a JavaScript number.
 * Cents, sequence numbers and VAT rates stay far inside the safe range (Money checks that on every
 * operation), so they are read back as numbers; a value that would not fit fails loudly instead of
 * losing precision. Used by every service's entities (billing's own tables, the gateway's views).
 */
export const numberColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => {
    if (value === null) return null;
    const number = Number(value);
    if (!Number.isFinite(number) || (Number.isInteger(number) && !Number.isSafeInteger(number))) {
      throw new RangeError(`stored number ${value} does not fit a JavaScript number`);
    }
    return number;
  },
};
