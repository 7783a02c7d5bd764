import { EU_MEMBER_STATES, type EuMemberState } from './eu-member-states';
import { isValidVatNumberFormat, normalizeVatNumber, vatPrefixOf } from './vat-number';

/** One plausible number per member state, so that every country's pattern is exercised. */
const VALID: Record<EuMemberState, string> = {
  AT: 'ATU12345678',
  BE: 'BE0123456789',
  BG: 'BG1234567890',
  CY: 'CY12345678L',
  CZ: 'CZ1234567890',
  DE: 'DE123456789',
  DK: 'DK12345678',
  EE: 'EE123456789',
  ES: 'ESX1234567R',
  FI: 'FI12345678',
  FR: 'FRXX123456789',
  GR: 'EL123456789',
  HR: 'HR12345678901',
  HU: 'HU12345678',
  IE: 'IE1234567WA',
  IT: 'IT12345678901',
  LT: 'LT123456789',
  LU: 'LU12345678',
  LV: 'LV12345678901',
  MT: 'MT12345678',
  NL: 'NL123456789B01',
  PL: 'PL1234567890',
  PT: 'PT123456789',
  RO: 'RO1234567890',
  SE: 'SE123456789001',
  SI: 'SI12345678',
  SK: 'SK1234567890',
};

describe('VAT number format', () => {
  it.each(EU_MEMBER_STATES.map((country) => [country, VALID[country]]))('accepts a %s number (%s)', (country, number) => {
    expect(isValidVatNumberFormat(number, country as EuMemberState)).toBe(true);
  });

  it.each(EU_MEMBER_STATES.map((country) => [country, `${VALID[country]}9`]))('rejects a %s number one digit too long', (country, number) => {
    expect(isValidVatNumberFormat(number, country as EuMemberState)).toBe(false);
  });

  it.each([
    ['DE', 'DE12345678'], // 8 digits, needs 9
    ['DE', '123456789'], // prefix missing
    ['DE', 'FR12345678901'], // another member state's number
    ['BE', 'BE2123456789'], // Belgian numbers start with 0 or 1
    ['FR', 'FRIO123456789'], // I and O are not used in the French key
    ['NL', 'NL123456789A01'], // the B is fixed
    ['AT', 'AT12345678'], // the U is fixed
    ['GR', 'GR123456789'], // Greece uses EL
    ['SE', 'SE123456789012'], // Swedish numbers end in 01
  ] as const)('rejects %s number %s', (country, number) => {
    expect(isValidVatNumberFormat(number, country)).toBe(false);
  });

  it.each([
    ['BG', 'BG123456789'],
    ['CZ', 'CZ12345678'],
    ['RO', 'RO12'],
    ['LT', 'LT123456789012'],
    ['IE', 'IE1S12345T'],
  ] as const)('accepts the other lengths %s allows (%s)', (country, number) => {
    expect(isValidVatNumberFormat(number, country)).toBe(true);
  });

  it('accepts the separators and case people type', () => {
    expect(normalizeVatNumber(' de 123.456-789 ')).toBe('DE123456789');
    expect(isValidVatNumberFormat('nl 1234.56.789.b01', 'NL')).toBe(true);
  });

  it('knows the Greek prefix', () => {
    expect(vatPrefixOf('GR')).toBe('EL');
    expect(vatPrefixOf('DE')).toBe('DE');
  });
});
