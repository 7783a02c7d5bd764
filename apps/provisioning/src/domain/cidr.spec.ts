import { blockSize, type Cidr, cidrsOverlap, formatCidr, isUsableAddress, lastAddress, parseCidr, usableCount, usableRange } from './cidr';
import { formatIpv4 } from './ipv4-address';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`bad test CIDR ${text}: ${parsed.error.detail}`);
  return parsed.value;
}

describe('parseCidr', () => {
  it.each([
    ['203.0.113.0/28', 0xcb007100, 28],
    ['10.0.0.0/8', 0x0a000000, 8],
    ['0.0.0.0/0', 0, 0],
    ['192.0.2.7/32', 0xc0000207, 32],
    ['198.51.100.254/31', 0xc63364fe, 31],
  ])('%s', (input, network, prefixLength) => {
    expect(parseCidr(input)).toEqual({ ok: true, value: { network, prefixLength } });
  });

  it.each([
    ['203.0.113.0', 'expected an address and a prefix length, e.g. 203.0.113.0/28'],
    ['203.0.113.0/28/1', 'expected an address and a prefix length, e.g. 203.0.113.0/28'],
    ['203.0.113/28', 'expected four dot-separated numbers'],
    ['203.0.113.300/28', '300 is larger than 255'],
    ['203.0.113.0/33', 'prefix length "33" is not a number from 0 to 32'],
    ['203.0.113.0/', 'prefix length "" is not a number from 0 to 32'],
    ['203.0.113.0/028', 'prefix length "028" is not a number from 0 to 32'],
    ['203.0.113.0/-1', 'prefix length "-1" is not a number from 0 to 32'],
    ['203.0.113.0/2x', 'prefix length "2x" is not a number from 0 to 32'],
    ['203.0.113.5/28', 'host bits are set; the block is 203.0.113.0/28'],
    ['203.0.113.128/24', 'host bits are set; the block is 203.0.113.0/24'],
    ['255.255.255.255/1', 'host bits are set; the block is 128.0.0.0/1'],
  ])('refuses %j: %s', (input, detail) => {
    expect(parseCidr(input)).toEqual({ ok: false, error: { reason: 'invalid_cidr', input, detail } });
  });

  it('formats back to the same text', () => {
    for (const text of ['203.0.113.0/28', '0.0.0.0/0', '192.0.2.7/32', '172.16.0.0/12']) {
      expect(formatCidr(cidr(text))).toBe(text);
    }
  });
});

describe('sizes and usable addresses', () => {
  it('a /28 has 16 addresses, 14 usable: the network and broadcast ones are skipped', () => {
    const block = cidr('203.0.113.0/28');
    expect(blockSize(block)).toBe(16);
    expect(formatIpv4(lastAddress(block))).toBe('203.0.113.15');
    const { first, last } = usableRange(block);
    expect([formatIpv4(first), formatIpv4(last)]).toEqual(['203.0.113.1', '203.0.113.14']);
    expect(usableCount(block)).toBe(14);
  });

  it.each([
    ['192.0.2.0/30', 2, '192.0.2.1', '192.0.2.2'],
    ['192.0.2.0/31', 2, '192.0.2.0', '192.0.2.1'],
    ['192.0.2.9/32', 1, '192.0.2.9', '192.0.2.9'],
    ['0.0.0.0/0', 2 ** 32 - 2, '0.0.0.1', '255.255.255.254'],
  ])('%s: %i usable from %s to %s', (text, count, first, last) => {
    const block = cidr(text);
    expect(usableCount(block)).toBe(count);
    expect(formatIpv4(usableRange(block).first)).toBe(first);
    expect(formatIpv4(usableRange(block).last)).toBe(last);
  });

  it('tells usable addresses apart from the rest', () => {
    const block = cidr('203.0.113.0/28');
    expect(isUsableAddress(block, 0xcb007100)).toBe(false);
    expect(isUsableAddress(block, 0xcb007101)).toBe(true);
    expect(isUsableAddress(block, 0xcb00710e)).toBe(true);
    expect(isUsableAddress(block, 0xcb00710f)).toBe(false);
    expect(isUsableAddress(block, 0xcb007110)).toBe(false);
  });
});

describe('cidrsOverlap', () => {
  it.each([
    ['203.0.113.0/28', '203.0.113.16/28', false],
    ['203.0.113.0/28', '203.0.113.8/29', true],
    ['203.0.113.0/24', '203.0.113.200/32', true],
    ['10.0.0.0/8', '11.0.0.0/8', false],
    ['0.0.0.0/0', '198.51.100.0/24', true],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(cidrsOverlap(cidr(a), cidr(b))).toBe(expected);
    expect(cidrsOverlap(cidr(b), cidr(a))).toBe(expected);
  });
});
