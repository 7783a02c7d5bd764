import { EU_MEMBER_STATES, isEuMemberState, normalizeCountryCode } from './eu-member-states';

describe('EU member states', () => {
  it('lists the 27 member states once each', () => {
    expect(new Set(EU_MEMBER_STATES).size).toBe(27);
  });

  it.each(['NL', 'DE', 'GR', 'HR', 'IE'])('%s is a member state', (country) => {
    expect(isEuMemberState(country)).toBe(true);
  });

  it.each(['GB', 'CH', 'NO', 'US', 'EL', 'XI'])('%s is not a member state code', (country) => {
    expect(isEuMemberState(country)).toBe(false);
  });

  it('normalises case and whitespace, and reads EL as Greece', () => {
    expect(normalizeCountryCode(' de ')).toBe('DE');
    expect(normalizeCountryCode('EL')).toBe('GR');
    expect(normalizeCountryCode('US')).toBe('US');
  });

  it.each(['', 'NLD', 'N1', 'Netherlands'])('rejects "%s" as a country code', (country) => {
    expect(() => normalizeCountryCode(country)).toThrow('ISO 3166-1 alpha-2');
  });
});
