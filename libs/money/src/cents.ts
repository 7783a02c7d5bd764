/** Currencies the platform invoices in. One for now; a union so that adding one is a type change. */
export const CURRENCIES = ['EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

/**
 * An amount in integer cents. Safe integers only: beyond 2^53 a number silently loses cents, and a
 * fraction of a cent has no meaning on an invoice.
 */
export function isCents(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

export function isNonNegativeCents(value: unknown): value is number {
  return isCents(value) && value >= 0;
}

/** Multiplies cents by a whole factor, or returns null when the product is no longer exact. */
export function multiplyCents(cents: number, factor: number): number | null {
  const product = cents * factor;
  return isCents(product) ? product : null;
}
