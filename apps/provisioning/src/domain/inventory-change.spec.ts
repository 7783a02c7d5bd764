import type { Capacity } from './capacity';
import { Host } from './host';
import {
  addIpRange,
  changeHostCapacity,
  type InventoryDecision,
  type KnownRange,
  MAX_HOST_RESOURCE,
  type RangeContext,
  registerHost,
  removeIpRange,
  retireHost,
  scheduleHostMaintenance,
} from './inventory-change';
import { IpPool } from './ip-pool';

/** Usable addresses not given to a machine. */
const unused = (addresses: IpPool) => addresses.size() - addresses.snapshot().allocations.length;

const t0 = new Date('2026-03-10T12:00:00.000Z');
const inAnHour = new Date('2026-03-10T13:00:00.000Z');
const cap = (vcpu: number, memoryMb: number, diskGb: number): Capacity => ({ vcpu, memoryMb, diskGb });
const big = cap(64, 262144, 4000);
const small = cap(2, 4096, 40);

const host = (total: Capacity = big) => Host.register({ id: 'h-1', locationCode: 'ams1', total }, t0).host;

function busyHost(): Host {
  const busy = host();
  const occupies = { from: t0, until: new Date('2026-04-09T12:00:00.000Z') };
  const held = busy.placeHold({ reservationId: 'r-1', orderId: 'o-1', resources: cap(4, 8192, 80), occupies, expiresAt: inAnHour }, t0);
  if (!held.ok) throw new Error('hold refused');
  const allocated = busy.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, t0);
  if (!allocated.ok) throw new Error('allocation refused');
  return busy;
}

function rejection<E>(decision: InventoryDecision<E>): { reason: string; detail: string } {
  if (decision.outcome !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(decision)}`);
  return { reason: decision.reason, detail: decision.detail };
}

function appliedEvents<E>(decision: InventoryDecision<E>): readonly E[] {
  if (decision.outcome !== 'applied') throw new Error(`expected it applied, got ${JSON.stringify(decision)}`);
  return decision.events;
}

describe('registerHost', () => {
  it('registers a new host', () => {
    const decision = registerHost(null, { id: 'h-1', locationCode: 'ams1', total: big }, t0);
    expect(decision).toEqual({
      outcome: 'applied',
      events: [{ type: 'host.registered', hostId: 'h-1', locationCode: 'ams1', total: big, at: t0 }],
      detail: 'host h-1 registered in ams1 with 64 vCPU, 262144 MB memory, 4000 GB disk',
    });
  });

  it('is a success that changes nothing for the same host again, in maintenance or not', () => {
    const known = host();
    const again = registerHost(known, { id: 'h-1', locationCode: 'ams1', total: big }, t0);
    expect(again).toEqual({
      outcome: 'applied',
      events: [],
      detail: 'host h-1 is already registered in ams1 with 64 vCPU, 262144 MB memory, 4000 GB disk: nothing changed',
    });
    known.scheduleMaintenance(t0, t0);
    expect(appliedEvents(registerHost(known, { id: 'h-1', locationCode: 'ams1', total: big }, t0))).toEqual([]);
    expect(known.status).toBe('maintenance');
  });

  it('refuses the id with another location or capacity (host_exists), or once retired (host_retired)', () => {
    expect(rejection(registerHost(host(), { id: 'h-1', locationCode: 'fra1', total: big }, t0))).toEqual({
      reason: 'host_exists',
      detail:
        'host h-1 is already registered in ams1 with 64 vCPU, 262144 MB memory, 4000 GB disk, ' + 'not in fra1 with 64 vCPU, 262144 MB memory, 4000 GB disk',
    });
    expect(rejection(registerHost(host(), { id: 'h-1', locationCode: 'ams1', total: small }, t0)).reason).toBe('host_exists');
    const gone = host();
    gone.retire(t0);
    expect(rejection(registerHost(gone, { id: 'h-1', locationCode: 'ams1', total: big }, t0)).reason).toBe('host_retired');
  });

  it('refuses a capacity no host can have as an invalid event', () => {
    const decision = registerHost(null, { id: 'h-1', locationCode: 'ams1', total: cap(64, MAX_HOST_RESOURCE + 1, 4000) }, t0);
    expect(rejection(decision)).toEqual({ reason: 'invalid_event', detail: 'host h-1: memoryMb 2147483648 is more than 2147483647' });
  });
});

describe('changeHostCapacity', () => {
  it('applies a new size, or nothing for the same size', () => {
    const known = host();
    const decision = changeHostCapacity(known, 'h-1', cap(64, 524288, 4000), t0);
    expect(decision).toMatchObject({
      outcome: 'applied',
      detail: 'host h-1: 64 vCPU, 262144 MB memory, 4000 GB disk → 64 vCPU, 524288 MB memory, 4000 GB disk',
    });
    expect(appliedEvents(decision).map((event) => event.type)).toEqual(['host.capacity-changed']);
    expect(appliedEvents(changeHostCapacity(known, 'h-1', cap(64, 524288, 4000), t0))).toEqual([]);
  });

  it('refuses less than is held and running (capacity_below_use), an unknown host and a retired one', () => {
    expect(rejection(changeHostCapacity(busyHost(), 'h-1', cap(3, 262144, 4000), t0))).toEqual({
      reason: 'capacity_below_use',
      detail: 'host h-1 holds or runs 4 vCPU, 8192 MB memory, 80 GB disk, more than 3 vCPU, 262144 MB memory, 4000 GB disk',
    });
    expect(rejection(changeHostCapacity(null, 'h-9', big, t0))).toEqual({ reason: 'unknown_host', detail: 'no host h-9' });
    const gone = host();
    gone.retire(t0);
    expect(rejection(changeHostCapacity(gone, 'h-1', small, t0)).reason).toBe('host_retired');
    expect(rejection(changeHostCapacity(host(), 'h-1', cap(MAX_HOST_RESOURCE + 1, 1, 1), t0)).reason).toBe('invalid_event');
  });
});

describe('scheduleHostMaintenance', () => {
  it('schedules it, says the machines on the host stay, and applies the same start again as nothing', () => {
    const busy = busyHost();
    const decision = scheduleHostMaintenance(busy, 'h-1', inAnHour, 'firmware update', t0);
    expect(decision).toEqual({
      outcome: 'applied',
      events: [{ type: 'host.maintenance-scheduled', hostId: 'h-1', from: inAnHour, at: t0 }],
      detail: 'host h-1 takes no new machines from 2026-03-10T13:00:00.000Z (firmware update); 1 machine on it keeps running',
    });
    expect(scheduleHostMaintenance(busy, 'h-1', inAnHour, undefined, t0)).toEqual({
      outcome: 'applied',
      events: [],
      detail: 'host h-1 is already in maintenance from 2026-03-10T13:00:00.000Z: nothing changed',
    });
  });

  it('refuses an unknown host and a retired one', () => {
    expect(rejection(scheduleHostMaintenance(null, 'h-9', t0, undefined, t0)).reason).toBe('unknown_host');
    const gone = host();
    gone.retire(t0);
    expect(rejection(scheduleHostMaintenance(gone, 'h-1', t0, undefined, t0))).toEqual({
      reason: 'host_retired',
      detail: 'host h-1 is retired',
    });
  });
});

describe('retireHost', () => {
  it('refuses a host that runs machines or holds capacity (host_not_empty)', () => {
    expect(rejection(retireHost(busyHost(), 'h-1', t0))).toEqual({
      reason: 'host_not_empty',
      detail: 'host h-1 runs 1 machine and holds capacity for 1 order not yet provisioned',
    });
  });

  it('retires an empty host, and a retired host again as nothing', () => {
    const empty = host();
    expect(appliedEvents(retireHost(empty, 'h-1', t0)).map((event) => event.type)).toEqual(['host.status-changed']);
    expect(retireHost(empty, 'h-1', t0)).toEqual({
      outcome: 'applied',
      events: [],
      detail: 'host h-1 is already retired: nothing changed',
    });
    expect(rejection(retireHost(null, 'h-9', t0)).reason).toBe('unknown_host');
  });
});

describe('addIpRange', () => {
  const ams = (...ranges: string[]) => {
    const created = IpPool.create('ams1', ranges, t0);
    if (!created.ok) throw new Error('bad pool');
    return created.value.pool;
  };
  const live = (id: string, cidr: string, locationCode = 'ams1'): KnownRange => ({ id, locationCode, cidr, removedAt: null });
  const context = (override: Partial<RangeContext> = {}): RangeContext => ({
    sameId: null,
    live: [live('rg-1', '203.0.113.0/26'), live('rg-f', '198.51.100.0/26', 'fra1')],
    hostsInService: 3,
    ...override,
  });
  const input = { rangeId: 'rg-2', locationCode: 'ams1', cidr: '203.0.113.64/28' };

  it('adds a range to its location pool', () => {
    const pool = ams('203.0.113.0/26');
    expect(addIpRange(input, context(), pool, t0)).toEqual({
      outcome: 'applied',
      events: [{ type: 'ip-pool.range-added', locationCode: 'ams1', rangeId: 'rg-2', range: '203.0.113.64/28', at: t0 }],
      detail: 'range rg-2: 203.0.113.64/28 joins the pool of ams1 (14 usable addresses)',
    });
    expect(unused(pool)).toBe(62 + 14);
  });

  it('is a success that changes nothing for the same range again', () => {
    const decision = addIpRange(input, context({ sameId: live('rg-2', '203.0.113.64/28') }), ams('203.0.113.0/26'), t0);
    expect(decision).toEqual({
      outcome: 'applied',
      events: [],
      detail: 'range rg-2 (203.0.113.64/28) is already in the pool of ams1: nothing changed',
    });
  });

  it('refuses the id for another range or a removed one, and the same block under another id (range_exists)', () => {
    const pool = ams('203.0.113.0/26');
    expect(rejection(addIpRange(input, context({ sameId: live('rg-2', '203.0.113.80/28') }), pool, t0))).toEqual({
      reason: 'range_exists',
      detail: 'range rg-2 is already 203.0.113.80/28 in ams1',
    });
    const removed = { ...live('rg-2', '203.0.113.64/28'), removedAt: t0 };
    expect(rejection(addIpRange(input, context({ sameId: removed }), pool, t0)).detail).toBe(
      'range rg-2 (203.0.113.64/28 in ams1) was removed at 2026-03-10T12:00:00.000Z; a range added again needs a new id',
    );
    expect(rejection(addIpRange({ ...input, cidr: '198.51.100.0/26' }, context(), pool, t0))).toEqual({
      reason: 'range_exists',
      detail: '198.51.100.0/26 is already in the pool of fra1 as range rg-f',
    });
  });

  it('refuses a block that shares an address with a live range of any location (range_overlaps)', () => {
    const pool = ams('203.0.113.0/26');
    expect(rejection(addIpRange({ ...input, cidr: '203.0.113.32/27' }, context(), pool, t0))).toEqual({
      reason: 'range_overlaps',
      detail: '203.0.113.32/27 overlaps 203.0.113.0/26 (range rg-1 in ams1)',
    });
    expect(rejection(addIpRange({ ...input, cidr: '198.51.100.0/24' }, context(), pool, t0)).reason).toBe('range_overlaps');
    // A removed range no longer counts.
    const gone = context({ live: [] });
    expect(appliedEvents(addIpRange({ ...input, cidr: '203.0.113.32/27' }, gone, ams(), t0))).toHaveLength(1);
    expect(pool.snapshot().ranges).toEqual(['203.0.113.0/26']);
  });

  it('refuses a location with no host in service (unknown_location) and a block with host bits (invalid_event)', () => {
    expect(rejection(addIpRange(input, context({ hostsInService: 0 }), ams('203.0.113.0/26'), t0))).toEqual({
      reason: 'unknown_location',
      detail: 'no host in service in ams1: register one before its addresses',
    });
    expect(rejection(addIpRange({ ...input, cidr: '203.0.113.65/28' }, context(), ams(), t0))).toEqual({
      reason: 'invalid_event',
      detail: '203.0.113.65/28 is not a range: host bits are set; the block is 203.0.113.64/28',
    });
  });
});

describe('removeIpRange', () => {
  const range: KnownRange = { id: 'rg-1', locationCode: 'ams1', cidr: '203.0.113.0/28', removedAt: null };
  const held = (machines: number) => ({ amount: machines, occupies: { from: t0, until: new Date('2026-04-09T12:00:00.000Z') } });
  const pool = () => {
    const created = IpPool.create('ams1', ['203.0.113.0/28', '203.0.113.16/30'], t0);
    if (!created.ok) throw new Error('bad pool');
    return created.value.pool;
  };

  it('removes a range nobody uses', () => {
    expect(removeIpRange('rg-1', { range, pool: pool(), addressNeeds: [held(2)] }, t0)).toEqual({
      outcome: 'applied',
      events: [{ type: 'ip-pool.range-removed', locationCode: 'ams1', rangeId: 'rg-1', range: '203.0.113.0/28', at: t0 }],
      detail: 'range rg-1: 203.0.113.0/28 left the pool of ams1',
    });
  });

  it('refuses while a machine has one of its addresses or rentals to come need them (addresses_in_use)', () => {
    const used = pool();
    used.allocate('m-1', t0);
    expect(rejection(removeIpRange('rg-1', { range, pool: used, addressNeeds: [] }, t0))).toEqual({
      reason: 'addresses_in_use',
      detail: '1 machine has an address in 203.0.113.0/28',
    });
    expect(rejection(removeIpRange('rg-1', { range, pool: pool(), addressNeeds: [held(3)] }, t0))).toEqual({
      reason: 'addresses_in_use',
      detail: 'rentals in ams1 need up to 3 addresses at once; without 203.0.113.0/28 the pool would have 2',
    });
  });

  it('is a success that changes nothing for a removed range, and refuses an unknown one (unknown_range)', () => {
    const removed = { ...range, removedAt: t0 };
    expect(removeIpRange('rg-1', { range: removed, pool: pool(), addressNeeds: [] }, t0)).toEqual({
      outcome: 'applied',
      events: [],
      detail: 'range rg-1 (203.0.113.0/28) is already removed: nothing changed',
    });
    expect(rejection(removeIpRange('rg-9', null, t0))).toEqual({ reason: 'unknown_range', detail: 'no range rg-9' });
  });
});
