import type { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint (cents, sequence numbers) arrives as a string; such values fit a JS number exactly up to 2^53. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
