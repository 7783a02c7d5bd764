import type { EuMemberState } from './eu-member-states';

interface VatNumberFormat {
  /** The VAT prefix; the ISO country code except for Greece (EL). */
  readonly prefix: string;
  /** What follows the prefix, after normalisation. */
  readonly body: RegExp;
}

/**
 * A syntax check per member state, pragmatic rather than complete: lengths and character classes as
 * the European Commission's VIES documentation gives them, without check digits. Whether the number is
 * actually registered is VIES's question and out of scope here; a typo that keeps the shape passes.
 * Typed over every member state so that a missing country fails to compile.
 */
const FORMATS: Readonly<Record<EuMemberState, VatNumberFormat>> = {
  AT: { prefix: 'AT', body: /^U\d{8}$/ },
  BE: { prefix: 'BE', body: /^[01]\d{9}$/ },
  BG: { prefix: 'BG', body: /^\d{9,10}$/ },
  CY: { prefix: 'CY', body: /^\d{8}[A-Z]$/ },
  CZ: { prefix: 'CZ', body: /^\d{8,10}$/ },
  DE: { prefix: 'DE', body: /^\d{9}$/ },
  DK: { prefix: 'DK', body: /^\d{8}$/ },
  EE: { prefix: 'EE', body: /^\d{9}$/ },
  ES: { prefix: 'ES', body: /^[A-Z0-9]\d{7}[A-Z0-9]$/ },
  FI: { prefix: 'FI', body: /^\d{8}$/ },
  FR: { prefix: 'FR', body: /^[0-9A-HJ-NP-Z]{2}\d{9}$/ },
  GR: { prefix: 'EL', body: /^\d{9}$/ },
  HR: { prefix: 'HR', body: /^\d{11}$/ },
  HU: { prefix: 'HU', body: /^\d{8}$/ },
  IE: { prefix: 'IE', body: /^(\d{7}[A-W][A-I]?|\d[A-Z+*]\d{5}[A-W])$/ },
  IT: { prefix: 'IT', body: /^\d{11}$/ },
  LT: { prefix: 'LT', body: /^(\d{9}|\d{12})$/ },
  LU: { prefix: 'LU', body: /^\d{8}$/ },
  LV: { prefix: 'LV', body: /^\d{11}$/ },
  MT: { prefix: 'MT', body: /^\d{8}$/ },
  NL: { prefix: 'NL', body: /^\d{9}B\d{2}$/ },
  PL: { prefix: 'PL', body: /^\d{10}$/ },
  PT: { prefix: 'PT', body: /^\d{9}$/ },
  RO: { prefix: 'RO', body: /^[1-9]\d{1,9}$/ },
  SE: { prefix: 'SE', body: /^\d{10}01$/ },
  SI: { prefix: 'SI', body: /^\d{8}$/ },
  SK: { prefix: 'SK', body: /^\d{10}$/ },
};

/** Upper case without the spaces, dots and dashes people type into VAT numbers ("de 123.456.789"). */
export function normalizeVatNumber(vatNumber: string): string {
  return vatNumber.replace(/[\s.-]/g, '').toUpperCase();
}

export function vatPrefixOf(country: EuMemberState): string {
  return FORMATS[country].prefix;
}

/**
 * True when `vatNumber` has the shape of a VAT number of `country`, prefix included. The prefix must
 * be the customer's own member state: reverse charge is justified by the VAT number of the member state
 * where the customer is established, and a mismatch more often means wrong data than a branch abroad.
 */
export function isValidVatNumberFormat(vatNumber: string, country: EuMemberState): boolean {
  const { prefix, body } = FORMATS[country];
  const normalized = normalizeVatNumber(vatNumber);
  return normalized.startsWith(prefix) && body.test(normalized.slice(prefix.length));
}
