import type { Interval, Occupancy } from './calendar';
import { IpPool, type IpPoolState } from './ip-pool';

/** Usable addresses not given to a machine. */
const unused = (addresses: IpPool) => addresses.size() - addresses.snapshot().allocations.length;

const t0 = new Date('2026-03-10T12:00:00.000Z');
const during = (from: string, until: string | null): Interval => ({ from: new Date(from), until: until === null ? null : new Date(until) });
const machines = (amount: number, occupies: Interval): Occupancy<number> => ({ amount, occupies });

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function expectErr<E>(result: { ok: true; value: unknown } | { ok: false; error: E }): E {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const pool = (...ranges: string[]) => expectOk(IpPool.create('ams-1', ranges, t0)).pool;
const allocate = (target: IpPool, machineId: string) => expectOk(target.allocate(machineId, t0)).address;

describe('IpPool.create', () => {
  it('starts with every usable address free and reports its ranges, sorted', () => {
    const { pool: created, events } = expectOk(IpPool.create('ams-1', ['203.0.113.16/28', '203.0.113.0/28'], t0));
    expect(unused(created)).toBe(28);
    expect(created.locationCode).toBe('ams-1');
    expect(events).toEqual([{ type: 'ip-pool.created', locationCode: 'ams-1', ranges: ['203.0.113.0/28', '203.0.113.16/28'], at: t0 }]);
    expect(created.snapshot()).toEqual({
      locationCode: 'ams-1',
      ranges: ['203.0.113.0/28', '203.0.113.16/28'],
      allocations: [],
    });
  });

  it('refuses a bad range with the CIDR parser reason', () => {
    expect(expectErr(IpPool.create('ams-1', ['203.0.113.5/28'], t0))).toEqual({
      reason: 'invalid_cidr',
      input: '203.0.113.5/28',
      detail: 'host bits are set; the block is 203.0.113.0/28',
    });
  });

  it('refuses overlapping ranges', () => {
    expect(expectErr(IpPool.create('ams-1', ['203.0.113.0/24', '203.0.113.16/28'], t0))).toEqual({
      reason: 'overlapping_ranges',
      range: '203.0.113.16/28',
      overlaps: '203.0.113.0/24',
    });
  });

  it('throws on an empty location code', () => {
    expect(() => IpPool.create('', ['203.0.113.0/28'], t0)).toThrow(RangeError);
  });
});

describe('IpPool.allocate', () => {
  it('gives the lowest free address, skipping the network address, and returns the event', () => {
    const addresses = pool('203.0.113.0/28');
    const { address, events } = expectOk(addresses.allocate('m-1', t0));
    expect(address).toBe('203.0.113.1');
    expect(events).toEqual([{ type: 'ip-pool.address-allocated', locationCode: 'ams-1', machineId: 'm-1', address: '203.0.113.1', at: t0 }]);
    expect(addresses.addressOf('m-1')).toBe('203.0.113.1');
    expect(unused(addresses)).toBe(13);
  });

  it('hands out .1 to .14 of a /28, never the broadcast .15, then refuses', () => {
    const addresses = pool('203.0.113.0/28');
    const given = Array.from({ length: 14 }, (_, index) => allocate(addresses, `m-${index}`));
    expect(given[0]).toBe('203.0.113.1');
    expect(given[13]).toBe('203.0.113.14');
    expect(new Set(given).size).toBe(14);
    expect(expectErr(addresses.allocate('m-14', t0))).toEqual({ reason: 'pool_exhausted', locationCode: 'ams-1' });
    expect(unused(addresses)).toBe(0);
  });

  it('moves on to the next range, lowest first, when one is full', () => {
    const addresses = pool('198.51.100.8/30', '192.0.2.0/30');
    expect([allocate(addresses, 'a'), allocate(addresses, 'b'), allocate(addresses, 'c')]).toEqual(['192.0.2.1', '192.0.2.2', '198.51.100.9']);
  });

  it('gives a released address out again, as the lowest free one', () => {
    const addresses = pool('203.0.113.0/28');
    ['m-1', 'm-2', 'm-3'].forEach((machineId) => allocate(addresses, machineId));
    expectOk(addresses.release('m-2', t0));
    expect(allocate(addresses, 'm-4')).toBe('203.0.113.2');
  });

  it('gives a machine that already has an address the same one, with no events', () => {
    const addresses = pool('203.0.113.0/28');
    allocate(addresses, 'm-1');
    expect(expectOk(addresses.allocate('m-1', t0))).toEqual({ address: '203.0.113.1', events: [] });
    expect(unused(addresses)).toBe(13);
  });

  it('an empty pool is exhausted at once', () => {
    expect(expectErr(pool().allocate('m-1', t0)).reason).toBe('pool_exhausted');
  });

  it('uses both addresses of a /31 and the one of a /32', () => {
    const addresses = pool('192.0.2.0/31', '192.0.2.9/32');
    expect(['a', 'b', 'c'].map((machineId) => allocate(addresses, machineId))).toEqual(['192.0.2.0', '192.0.2.1', '192.0.2.9']);
  });

  it('stays quick on a large range', () => {
    const addresses = pool('10.0.0.0/16');
    for (let index = 0; index < 2000; index += 1) allocate(addresses, `m-${index}`);
    expect(allocate(addresses, 'last')).toBe('10.0.7.209');
  });
});

describe('IpPool.release', () => {
  it('frees the address and returns the event', () => {
    const addresses = pool('203.0.113.0/28');
    allocate(addresses, 'm-1');
    expect(expectOk(addresses.release('m-1', t0))).toEqual([
      { type: 'ip-pool.address-released', locationCode: 'ams-1', machineId: 'm-1', address: '203.0.113.1', at: t0 },
    ]);
    expect(addresses.addressOf('m-1')).toBeUndefined();
    expect(unused(addresses)).toBe(14);
  });

  it('refuses a machine without an address', () => {
    expect(expectErr(pool('203.0.113.0/28').release('m-9', t0))).toEqual({
      reason: 'address_not_allocated',
      locationCode: 'ams-1',
      machineId: 'm-9',
    });
  });
});

describe('IpPool.addRange', () => {
  it('adds a range whose addresses come after lower ones', () => {
    const addresses = pool('203.0.113.16/30');
    allocate(addresses, 'm-1');
    expect(expectOk(addresses.addRange('rg-2', '203.0.113.0/30', t0))).toEqual([
      { type: 'ip-pool.range-added', locationCode: 'ams-1', rangeId: 'rg-2', range: '203.0.113.0/30', at: t0 },
    ]);
    expect(allocate(addresses, 'm-2')).toBe('203.0.113.1');
    expect(addresses.snapshot().ranges).toEqual(['203.0.113.0/30', '203.0.113.16/30']);
  });

  it('refuses an invalid or overlapping range and changes nothing', () => {
    const addresses = pool('203.0.113.0/28');
    const before = addresses.snapshot();
    expect(expectErr(addresses.addRange('rg-2', '203.0.113.4/30', t0))).toEqual({
      reason: 'overlapping_ranges',
      range: '203.0.113.4/30',
      overlaps: '203.0.113.0/28',
    });
    expect(expectErr(addresses.addRange('rg-2', 'nonsense', t0)).reason).toBe('invalid_cidr');
    expect(addresses.snapshot()).toEqual(before);
  });
});

describe('IpPool.removeRange', () => {
  it('takes a range nobody uses out of the pool: its addresses are no longer given', () => {
    const addresses = pool('203.0.113.0/30', '203.0.113.16/30');
    expect(expectOk(addresses.removeRange('rg-1', '203.0.113.0/30', [], t0))).toEqual([
      { type: 'ip-pool.range-removed', locationCode: 'ams-1', rangeId: 'rg-1', range: '203.0.113.0/30', at: t0 },
    ]);
    expect(addresses.snapshot().ranges).toEqual(['203.0.113.16/30']);
    expect(unused(addresses)).toBe(2);
    expect(allocate(addresses, 'm-1')).toBe('203.0.113.17');
  });

  it('refuses while a machine has one of its addresses, and changes nothing', () => {
    const addresses = pool('203.0.113.0/30', '203.0.113.16/30');
    allocate(addresses, 'm-1');
    const before = addresses.snapshot();
    expect(expectErr(addresses.removeRange('rg-1', '203.0.113.0/30', [], t0))).toEqual({
      reason: 'addresses_allocated',
      range: '203.0.113.0/30',
      machines: 1,
    });
    expect(addresses.snapshot()).toEqual(before);
  });

  it('refuses when the addresses left could not serve the rentals to come at their busiest', () => {
    const addresses = pool('203.0.113.0/30', '203.0.113.16/30');
    const overlapping = [
      machines(2, during('2026-03-11T00:00:00.000Z', '2026-03-20T00:00:00.000Z')),
      machines(1, during('2026-03-15T00:00:00.000Z', '2026-03-25T00:00:00.000Z')),
    ];
    expect(expectErr(addresses.removeRange('rg-1', '203.0.113.0/30', overlapping, t0))).toEqual({
      reason: 'addresses_promised',
      range: '203.0.113.0/30',
      needed: 3,
      sizeAfter: 2,
    });
    const backToBack = [
      machines(2, during('2026-03-11T00:00:00.000Z', '2026-03-20T00:00:00.000Z')),
      machines(2, during('2026-03-20T00:00:00.000Z', '2026-03-25T00:00:00.000Z')),
    ];
    expect(expectOk(addresses.removeRange('rg-1', '203.0.113.0/30', backToBack, t0))).toHaveLength(1);
  });

  it('throws for a range that is not in the pool: the caller loaded the wrong pool', () => {
    expect(() => pool('203.0.113.0/30').removeRange('rg-1', '203.0.113.16/30', [], t0)).toThrow(RangeError);
  });
});

describe('IpPool.freeOver', () => {
  const nextWeek = during('2026-03-17T12:00:00.000Z', '2026-03-24T12:00:00.000Z');

  it('counts the machines of the rentals that overlap the time asked about, at their busiest', () => {
    const addresses = pool('203.0.113.0/29');
    expect(addresses.size()).toBe(6);
    const needs = [
      machines(4, during('2026-03-10T12:00:00.000Z', '2026-03-17T12:00:00.000Z')),
      machines(3, during('2026-03-20T00:00:00.000Z', '2026-04-20T00:00:00.000Z')),
    ];
    expect(addresses.freeOver(during('2026-03-10T12:00:00.000Z', '2026-03-11T12:00:00.000Z'), needs, t0)).toBe(2);
    expect(addresses.freeOver(nextWeek, needs, t0)).toBe(3);
    expect(addresses.freeOver(during('2026-03-10T12:00:00.000Z', '2026-03-21T00:00:00.000Z'), needs, t0)).toBe(2);
  });

  it('has none left, not fewer than none, when more is promised than there is', () => {
    expect(pool('203.0.113.0/30').freeOver(nextWeek, [machines(3, nextWeek)], t0)).toBe(0);
  });
});

describe('IpPool.restore', () => {
  const stored = (): IpPoolState => ({
    locationCode: 'ams-1',
    ranges: ['203.0.113.0/29'],
    allocations: [
      { address: '203.0.113.1', machineId: 'm-1' },
      { address: '203.0.113.3', machineId: 'm-3' },
    ],
  });

  it('carries on from the stored allocations', () => {
    const addresses = IpPool.restore(stored());
    expect(addresses.snapshot()).toEqual(stored());
    expect(allocate(addresses, 'm-2')).toBe('203.0.113.2');
    expect(allocate(addresses, 'm-4')).toBe('203.0.113.4');
  });

  it.each<[string, Partial<IpPoolState>]>([
    ['a bad range', { ranges: ['203.0.113.0/33'] }],
    ['overlapping ranges', { ranges: ['203.0.113.0/29', '203.0.113.0/30'] }],
    ['an address outside the ranges', { allocations: [{ address: '203.0.113.9', machineId: 'm-1' }] }],
    ['the network address', { allocations: [{ address: '203.0.113.0', machineId: 'm-1' }] }],
    ['the broadcast address', { allocations: [{ address: '203.0.113.7', machineId: 'm-1' }] }],
    ['a malformed address', { allocations: [{ address: '203.0.113', machineId: 'm-1' }] }],
    [
      'an address twice',
      {
        allocations: [
          { address: '203.0.113.1', machineId: 'm-1' },
          { address: '203.0.113.1', machineId: 'm-2' },
        ],
      },
    ],
    [
      'a machine twice',
      {
        allocations: [
          { address: '203.0.113.1', machineId: 'm-1' },
          { address: '203.0.113.2', machineId: 'm-1' },
        ],
      },
    ],
    ['an empty location', { locationCode: '' }],
  ])('throws on %s', (_, override) => {
    expect(() => IpPool.restore({ ...stored(), ...override })).toThrow(RangeError);
  });
});
