import { formatIpv4, isIpv4Address, parseIpv4 } from './ipv4-address';

describe('parseIpv4', () => {
  it.each([
    ['0.0.0.0', 0],
    ['203.0.113.1', 0xcb007101],
    ['10.1.2.3', 0x0a010203],
    ['255.255.255.255', 0xffffffff],
  ])('%s -> %i', (input, value) => {
    expect(parseIpv4(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'expected four dot-separated numbers'],
    ['1.2.3', 'expected four dot-separated numbers'],
    ['1.2.3.4.5', 'expected four dot-separated numbers'],
    ['1.2.3.256', '256 is larger than 255'],
    ['1.2.3.999', '999 is larger than 255'],
    ['1.2.3.010', '"010" is not a number from 0 to 255 without leading zeros'],
    ['1.2..4', '"" is not a number from 0 to 255 without leading zeros'],
    ['1.2.3.-4', '"-4" is not a number from 0 to 255 without leading zeros'],
    ['1.2.3.4 ', '"4 " is not a number from 0 to 255 without leading zeros'],
    ['1.2.3.0x1', '"0x1" is not a number from 0 to 255 without leading zeros'],
    ['1.2.3.1e2', '"1e2" is not a number from 0 to 255 without leading zeros'],
    ['1.2.3.1000', '"1000" is not a number from 0 to 255 without leading zeros'],
  ])('refuses %j: %s', (input, detail) => {
    expect(parseIpv4(input)).toEqual({ ok: false, error: { reason: 'invalid_ipv4_address', input, detail } });
  });

  it('isIpv4Address answers the same question as a boolean', () => {
    expect(isIpv4Address('192.0.2.7')).toBe(true);
    expect(isIpv4Address('192.0.2')).toBe(false);
  });
});

describe('formatIpv4', () => {
  it.each([
    [0, '0.0.0.0'],
    [0xcb007101, '203.0.113.1'],
    [0xffffffff, '255.255.255.255'],
  ])('%i -> %s', (value, text) => {
    expect(formatIpv4(value)).toBe(text);
  });

  it('round-trips with parseIpv4', () => {
    for (const text of ['198.51.100.14', '172.16.254.1', '1.0.0.255']) {
      const parsed = parseIpv4(text);
      expect(parsed.ok && formatIpv4(parsed.value)).toBe(text);
    }
  });

  it.each([-1, 2 ** 32, 1.5, Number.NaN])('throws on %p', (value) => {
    expect(() => formatIpv4(value)).toThrow(RangeError);
  });
});
