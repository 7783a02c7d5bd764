/** The 27 EU member states by ISO 3166-1 alpha-2 code (Greece is GR here; its VAT prefix is EL). */
export const EU_MEMBER_STATES = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
] as const;

export type EuMemberState = (typeof EU_MEMBER_STATES)[number];

const COUNTRY_CODE = /^[A-Z]{2}$/;

/**
 * Normalises a customer's country to an ISO 3166-1 alpha-2 code. "EL" is accepted for Greece because
 * ISO reserves it for Greece and VAT paperwork uses it; read as an unknown code it would make a Greek
 * customer look non-EU and pay no VAT. Whether another two-letter code names a real country is the
 * boundary's check: here it is only known to be outside the EU.
 */
export function normalizeCountryCode(country: string): string {
  const code = country.trim().toUpperCase();
  if (!COUNTRY_CODE.test(code)) {
    throw new RangeError(`country must be an ISO 3166-1 alpha-2 code such as NL (got "${country}")`);
  }
  return code === 'EL' ? 'GR' : code;
}

export function isEuMemberState(country: string): country is EuMemberState {
  return (EU_MEMBER_STATES as readonly string[]).includes(country);
}
