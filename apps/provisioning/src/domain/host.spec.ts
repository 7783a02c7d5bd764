import type { Interval } from './calendar';
import type { Capacity } from './capacity';
import { type Allocation, type CapacityHold, Host, type HostState } from './host';
import type { HostEvent } from './host-events';

const at = (iso: string) => new Date(iso);
const t0 = at('2026-03-10T12:00:00.000Z');
const inAnHour = at('2026-03-10T13:00:00.000Z');
const later = at('2026-03-10T14:00:00.000Z');
const cap = (vcpu: number, memoryMb: number, diskGb: number): Capacity => ({ vcpu, memoryMb, diskGb });
const small: Capacity = Object.freeze(cap(2, 4096, 40));
const during = (from: string, until: string | null): Interval => ({ from: at(from), until: until === null ? null : at(until) });
/** The rental most tests hold for: 30 days from t0. */
const month = during('2026-03-10T12:00:00.000Z', '2026-04-09T12:00:00.000Z');

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function expectErr<E>(result: { ok: true; value: unknown } | { ok: false; error: E }): E {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const hold = (reservationId: string, resources: Capacity = small, expiresAt: Date | null = inAnHour, occupies: Interval = month): CapacityHold => ({
  reservationId,
  orderId: `ord-${reservationId}`,
  resources,
  occupies,
  expiresAt,
});

const machine = (machineId: string, occupies: Interval = month, resources: Capacity = small): Allocation => ({
  machineId,
  orderId: `ord-${machineId}`,
  resources,
  occupies,
});

const newHost = (total: Capacity = cap(16, 65536, 1000)) => Host.register({ id: 'h-1', locationCode: 'ams-1', total }, t0).host;

describe('Host.register', () => {
  it('starts active and empty, with all of its capacity free, and says so', () => {
    const { host, events } = Host.register({ id: 'h-1', locationCode: 'ams-1', total: cap(16, 65536, 1000) }, t0);
    expect(host.status).toBe('active');
    expect(host.id).toBe('h-1');
    expect(host.locationCode).toBe('ams-1');
    expect(host.freeCapacity(month, t0)).toEqual(cap(16, 65536, 1000));
    expect(host.snapshot()).toEqual({
      id: 'h-1',
      locationCode: 'ams-1',
      total: cap(16, 65536, 1000),
      status: 'active',
      maintenanceFrom: null,
      holds: [],
      allocations: [],
    });
    expect(events).toEqual([{ type: 'host.registered', hostId: 'h-1', locationCode: 'ams-1', total: cap(16, 65536, 1000), at: t0 }]);
  });

  it('throws on a bad total or empty identifiers, which are bugs upstream', () => {
    expect(() => Host.register({ id: 'h-1', locationCode: 'ams-1', total: cap(-1, 1, 1) }, t0)).toThrow(RangeError);
    expect(() => Host.register({ id: '', locationCode: 'ams-1', total: small }, t0)).toThrow(RangeError);
    expect(() => Host.register({ id: 'h-1', locationCode: '', total: small }, t0)).toThrow(RangeError);
  });
});

describe('Host.placeHold', () => {
  it('sets capacity aside, lowers free capacity and returns host.capacity-held', () => {
    const host = newHost();
    const events = expectOk(host.placeHold(hold('r-1'), t0));
    expect(events).toEqual([{ type: 'host.capacity-held', hostId: 'h-1', hold: hold('r-1'), at: t0 }]);
    expect(host.freeCapacity(month, t0)).toEqual(cap(14, 61440, 960));
    expect(host.snapshot().holds).toEqual([hold('r-1')]);
  });

  it('accepts a hold that uses exactly what is free', () => {
    const host = newHost(cap(2, 4096, 40));
    expectOk(host.placeHold(hold('r-1'), t0));
    expect(host.freeCapacity(month, t0)).toEqual(cap(0, 0, 0));
  });

  it('refuses what does not fit, with what was asked and what is free, and changes nothing', () => {
    const host = newHost(cap(4, 8192, 80));
    expectOk(host.placeHold(hold('r-1'), t0));
    const before = host.snapshot();
    expect(expectErr(host.placeHold(hold('r-2', cap(2, 4097, 10)), t0))).toEqual({
      reason: 'insufficient_capacity',
      hostId: 'h-1',
      requested: cap(2, 4097, 10),
      free: cap(2, 4096, 40),
    });
    expect(host.snapshot()).toEqual(before);
  });

  it('refuses a rental that lasts into a maintenance, and takes one that is over before it starts', () => {
    const host = newHost();
    const from = at('2026-03-20T00:00:00.000Z');
    expectOk(host.scheduleMaintenance(from, t0));
    expectOk(host.placeHold(hold('r-1', small, inAnHour, during('2026-03-10T12:00:00.000Z', '2026-03-20T00:00:00.000Z')), t0));
    expect(expectErr(host.placeHold(hold('r-2', small, inAnHour, during('2026-03-19T00:00:00.000Z', '2026-03-21T00:00:00.000Z')), t0))).toEqual({
      reason: 'host_not_active',
      hostId: 'h-1',
      status: 'maintenance',
    });
  });

  it('refuses once retired', () => {
    const host = newHost();
    expectOk(host.retire(t0));
    expect(expectErr(host.placeHold(hold('r-1'), t0))).toEqual({ reason: 'host_not_active', hostId: 'h-1', status: 'retired' });
  });

  it('refuses a second live hold for the same reservation', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1'), t0));
    expect(expectErr(host.placeHold(hold('r-1'), t0))).toEqual({
      reason: 'duplicate_reservation',
      hostId: 'h-1',
      reservationId: 'r-1',
    });
  });

  it('does not count holds that have run out, and drops them (with events) when it places a new one', () => {
    const host = newHost(cap(2, 4096, 40));
    expectOk(host.placeHold(hold('r-1'), t0));
    expect(host.freeCapacity(month, inAnHour)).toEqual(small);
    const events = expectOk(host.placeHold(hold('r-2', small, later), inAnHour));
    expect(events.map((event) => event.type)).toEqual(['host.hold-expired', 'host.capacity-held']);
    expect(events[0]).toEqual({ type: 'host.hold-expired', hostId: 'h-1', hold: hold('r-1'), at: inAnHour });
    expect(host.snapshot().holds.map((entry) => entry.reservationId)).toEqual(['r-2']);
  });

  it('throws on a hold that would expire at once or holds nothing: bugs upstream', () => {
    const host = newHost();
    expect(() => host.placeHold(hold('r-1', small, t0), t0)).toThrow(RangeError);
    expect(() => host.placeHold(hold('r-1', cap(0, 0, 0)), t0)).toThrow(RangeError);
  });

  it('keeps its own copy of the hold', () => {
    const host = newHost();
    const given = hold('r-1', cap(2, 4096, 40), at('2026-03-10T13:00:00.000Z'), during('2026-03-10T12:00:00.000Z', '2026-04-09T12:00:00.000Z'));
    expectOk(host.placeHold(given, t0));
    given.expiresAt?.setUTCFullYear(2030);
    given.occupies.from.setUTCFullYear(2030);
    (given.resources as { vcpu: number }).vcpu = 99;
    expect(host.snapshot().holds[0]).toEqual(hold('r-1'));
  });
});

describe('Host.releaseHold', () => {
  it('frees the held capacity and returns host.hold-released', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1'), t0));
    expect(expectOk(host.releaseHold('r-1', t0))).toEqual([{ type: 'host.hold-released', hostId: 'h-1', hold: hold('r-1'), at: t0 }]);
    expect(host.freeCapacity(month, t0)).toEqual(cap(16, 65536, 1000));
    expect(host.snapshot().holds).toEqual([]);
  });

  it('refuses an unknown reservation', () => {
    expect(expectErr(newHost().releaseHold('r-9', t0))).toEqual({
      reason: 'hold_not_found',
      hostId: 'h-1',
      reservationId: 'r-9',
    });
  });
});

describe('Host.allocate', () => {
  it('turns a hold into an allocation: free capacity stays the same, the hold is gone', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1'), t0));
    const events = expectOk(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, t0));
    expect(events).toEqual([
      {
        type: 'host.capacity-allocated',
        hostId: 'h-1',
        reservationId: 'r-1',
        allocation: { machineId: 'm-1', orderId: 'ord-r-1', resources: small, occupies: month },
        remainingHold: cap(0, 0, 0),
        at: t0,
      },
    ]);
    expect(host.snapshot().holds).toEqual([]);
    expect(host.snapshot().allocations).toEqual([{ machineId: 'm-1', orderId: 'ord-r-1', resources: small, occupies: month }]);
    expect(host.freeCapacity(month, t0)).toEqual(cap(14, 61440, 960));
  });

  it('takes a hold for several machines one machine at a time', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1', cap(4, 8192, 80)), t0));
    const [first] = expectOk(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, t0));
    expect(first).toMatchObject({ remainingHold: small });
    expect(host.snapshot().holds).toEqual([hold('r-1', small)]);
    expectOk(host.allocate({ reservationId: 'r-1', machineId: 'm-2', resources: small }, t0));
    expect(host.snapshot().holds).toEqual([]);
    expect(host.snapshot().allocations.map((allocation) => allocation.machineId)).toEqual(['m-1', 'm-2']);
  });

  it('allows it during maintenance: the capacity was promised before', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1'), t0));
    expectOk(host.scheduleMaintenance(t0, t0));
    expectOk(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, t0));
    expect(host.snapshot().allocations).toHaveLength(1);
  });

  it('refuses a hold that has run out, keeping it for expireHolds to report', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1'), t0));
    const before = host.snapshot();
    expect(expectErr(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, inAnHour))).toEqual({
      reason: 'hold_expired',
      hostId: 'h-1',
      reservationId: 'r-1',
      expiresAt: inAnHour,
    });
    expect(host.snapshot()).toEqual(before);
  });

  it('refuses more than the hold has left', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1'), t0));
    expect(expectErr(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: cap(3, 4096, 40) }, t0))).toEqual({
      reason: 'exceeds_hold',
      hostId: 'h-1',
      reservationId: 'r-1',
      requested: cap(3, 4096, 40),
      held: small,
    });
  });

  it('refuses an unknown reservation and a machine that already has an allocation', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1', cap(4, 8192, 80)), t0));
    expect(expectErr(host.allocate({ reservationId: 'r-2', machineId: 'm-1', resources: small }, t0)).reason).toBe('hold_not_found');
    expectOk(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, t0));
    expect(expectErr(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, t0))).toEqual({
      reason: 'machine_already_allocated',
      hostId: 'h-1',
      machineId: 'm-1',
    });
  });

  it('throws when a machine would take nothing', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1'), t0));
    expect(() => host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: cap(0, 0, 0) }, t0)).toThrow(RangeError);
  });
});

describe('Host.moveIn', () => {
  const moved = machine('m-9');

  it('gives a machine moved from another host its room without a hold', () => {
    const host = newHost(cap(4, 8192, 80));
    expect(expectOk(host.moveIn(moved, t0))).toEqual([{ type: 'host.machine-moved-in', hostId: 'h-1', allocation: moved, at: t0 }]);
    expect(host.freeCapacity(month, t0)).toEqual(cap(2, 4096, 40));
    expect(host.snapshot().allocations).toEqual([moved]);
  });

  it('refuses it when live holds and allocations leave too little room', () => {
    const host = newHost(cap(4, 8192, 80));
    expectOk(host.placeHold(hold('r-1', cap(4, 4096, 40)), t0));
    expect(expectErr(host.moveIn(moved, t0))).toEqual({
      reason: 'insufficient_capacity',
      hostId: 'h-1',
      requested: small,
      free: cap(0, 4096, 40),
    });
    expect(expectOk(host.moveIn(moved, later))).toHaveLength(1);
  });

  it('refuses a machine whose rental lasts into a maintenance, and a machine it already has', () => {
    const host = newHost();
    expectOk(host.moveIn(moved, t0));
    expect(expectErr(host.moveIn(moved, t0))).toEqual({ reason: 'machine_already_allocated', hostId: 'h-1', machineId: 'm-9' });
    expectOk(host.scheduleMaintenance(at('2026-03-20T00:00:00.000Z'), t0));
    expectOk(host.moveIn(machine('m-10', during('2026-03-10T12:00:00.000Z', '2026-03-20T00:00:00.000Z')), t0));
    expect(expectErr(host.moveIn(machine('m-11'), t0))).toEqual({
      reason: 'host_not_active',
      hostId: 'h-1',
      status: 'maintenance',
    });
  });
});

describe('Host.releaseAllocation', () => {
  it('frees the machine capacity and returns host.allocation-released', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1'), t0));
    expectOk(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, t0));
    expect(expectOk(host.releaseAllocation('m-1', later))).toEqual([
      {
        type: 'host.allocation-released',
        hostId: 'h-1',
        allocation: { machineId: 'm-1', orderId: 'ord-r-1', resources: small, occupies: month },
        at: later,
      },
    ]);
    expect(host.freeCapacity(month, later)).toEqual(cap(16, 65536, 1000));
  });

  it('refuses an unknown machine', () => {
    expect(expectErr(newHost().releaseAllocation('m-9', t0))).toEqual({
      reason: 'allocation_not_found',
      hostId: 'h-1',
      machineId: 'm-9',
    });
  });
});

describe('Host.expireHolds', () => {
  it('releases exactly the holds whose time is up (a hold ends at its expiresAt) and returns them', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1', small, inAnHour), t0));
    expectOk(host.placeHold(hold('r-2', small, later), t0));
    const justBefore = at('2026-03-10T12:59:59.999Z');
    expect(host.expireHolds(justBefore)).toEqual({ released: [], events: [] });
    const { released, events } = host.expireHolds(inAnHour);
    expect(released).toEqual([hold('r-1', small, inAnHour)]);
    expect(events).toEqual<HostEvent[]>([{ type: 'host.hold-expired', hostId: 'h-1', hold: hold('r-1', small, inAnHour), at: inAnHour }]);
    expect(host.snapshot().holds.map((entry) => entry.reservationId)).toEqual(['r-2']);
    expect(host.expireHolds(inAnHour)).toEqual({ released: [], events: [] });
  });
});

describe('Host.scheduleMaintenance', () => {
  it('keeps the host a candidate for rentals over before the maintenance starts, and keeps what it holds and runs', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1', small, later), t0));
    const from = at('2026-03-20T00:00:00.000Z');
    expect(expectOk(host.scheduleMaintenance(from, t0))).toEqual([{ type: 'host.maintenance-scheduled', hostId: 'h-1', from, at: t0 }]);
    expect(host.status).toBe('maintenance');
    expect(host.snapshot().maintenanceFrom).toEqual(from);
    expect(host.statusOver(during('2026-03-10T12:00:00.000Z', '2026-03-20T00:00:00.000Z'))).toBe('active');
    expect(host.statusOver(during('2026-03-19T23:59:59.999Z', '2026-03-20T00:00:00.001Z'))).toBe('maintenance');
    expect(host.statusOver(during('2026-04-01T00:00:00.000Z', null))).toBe('maintenance');
    expect(host.placementCandidate(month, t0)).toEqual({
      hostId: 'h-1',
      locationCode: 'ams-1',
      status: 'maintenance',
      free: cap(14, 61440, 960),
    });
    expect(host.snapshot().holds).toEqual([hold('r-1', small, later)]);
  });

  it('accepts the same start again with no events, and a new start in place of the old one', () => {
    const host = newHost();
    expectOk(host.scheduleMaintenance(inAnHour, t0));
    expect(expectOk(host.scheduleMaintenance(inAnHour, t0))).toEqual([]);
    expect(expectOk(host.scheduleMaintenance(later, t0))).toEqual([{ type: 'host.maintenance-scheduled', hostId: 'h-1', from: later, at: t0 }]);
    expect(host.statusOver(during('2026-03-10T12:00:00.000Z', '2026-03-10T13:30:00.000Z'))).toBe('active');
    expect(host.statusOver(during('2026-03-10T12:00:00.000Z', '2026-03-10T14:30:00.000Z'))).toBe('maintenance');
  });

  it('refuses a retired host', () => {
    const host = newHost();
    expectOk(host.retire(t0));
    expect(expectErr(host.scheduleMaintenance(inAnHour, t0))).toEqual({ reason: 'host_retired', hostId: 'h-1' });
    expect(host.snapshot().maintenanceFrom).toBeNull();
  });
});

describe('Host.changeCapacity', () => {
  it('grows or shrinks the total down to what is held and running', () => {
    const host = newHost(cap(8, 16384, 200));
    expectOk(host.placeHold(hold('r-1', cap(4, 8192, 80)), t0));
    expectOk(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, t0));
    expect(expectOk(host.changeCapacity(cap(4, 8192, 80), t0))).toEqual([
      { type: 'host.capacity-changed', hostId: 'h-1', from: cap(8, 16384, 200), to: cap(4, 8192, 80), at: t0 },
    ]);
    expect(host.freeCapacity(month, t0)).toEqual(cap(0, 0, 0));
  });

  it('refuses less than what is in use on any one resource, and changes nothing', () => {
    const host = newHost(cap(8, 16384, 200));
    expectOk(host.placeHold(hold('r-1', cap(4, 8192, 80)), t0));
    const before = host.snapshot();
    expect(expectErr(host.changeCapacity(cap(64, 8191, 4000), t0))).toEqual({
      reason: 'capacity_below_use',
      hostId: 'h-1',
      requested: cap(64, 8191, 4000),
      inUse: cap(4, 8192, 80),
    });
    expect(host.snapshot()).toEqual(before);
  });

  it('does not count holds that have run out, and drops them so the stored holds still fit', () => {
    const host = newHost(cap(8, 16384, 200));
    expectOk(host.placeHold(hold('r-1', cap(4, 8192, 80)), t0));
    const events = expectOk(host.changeCapacity(cap(2, 4096, 40), inAnHour));
    expect(events.map((event) => event.type)).toEqual(['host.hold-expired', 'host.capacity-changed']);
    expect(() => Host.restore(host.snapshot())).not.toThrow();
  });

  it('accepts the same total again with no events, and refuses a retired host', () => {
    const host = newHost(cap(8, 16384, 200));
    expect(expectOk(host.changeCapacity(cap(8, 16384, 200), t0))).toEqual([]);
    expectOk(host.retire(t0));
    expect(expectErr(host.changeCapacity(cap(16, 16384, 200), t0))).toEqual({ reason: 'host_retired', hostId: 'h-1' });
  });
});

describe('Host.retire', () => {
  it('refuses a host in use, counting only live holds', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1', cap(4, 8192, 80)), t0));
    expectOk(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, t0));
    expect(expectErr(host.retire(t0))).toEqual({ reason: 'host_not_empty', hostId: 'h-1', holds: 1, allocations: 1 });
    expectOk(host.releaseAllocation('m-1', t0));
    expect(expectErr(host.retire(t0))).toEqual({ reason: 'host_not_empty', hostId: 'h-1', holds: 1, allocations: 0 });
    const events = expectOk(host.retire(inAnHour));
    expect(events.map((event) => event.type)).toEqual(['host.hold-expired', 'host.status-changed']);
    expect(events[1]).toEqual({ type: 'host.status-changed', hostId: 'h-1', from: 'active', to: 'retired', at: inAnHour });
    expect(host.snapshot()).toMatchObject({ status: 'retired', holds: [], allocations: [] });
  });

  it('retires a host in maintenance, and a retired host again with no events', () => {
    const host = newHost();
    expectOk(host.scheduleMaintenance(t0, t0));
    expect(expectOk(host.retire(t0))).toEqual([{ type: 'host.status-changed', hostId: 'h-1', from: 'maintenance', to: 'retired', at: t0 }]);
    expect(expectOk(host.retire(later))).toEqual([]);
    expect(host.statusOver(month)).toBe('retired');
  });
});

describe('Host.isRegisteredAs', () => {
  it('is the same location and total', () => {
    const host = newHost(cap(16, 65536, 1000));
    expect(host.isRegisteredAs({ locationCode: 'ams-1', total: cap(16, 65536, 1000) })).toBe(true);
    expect(host.isRegisteredAs({ locationCode: 'fra-1', total: cap(16, 65536, 1000) })).toBe(false);
    expect(host.isRegisteredAs({ locationCode: 'ams-1', total: cap(16, 65536, 999) })).toBe(false);
  });
});

describe('Host.restore and snapshot', () => {
  const stored = (): HostState => ({
    id: 'h-1',
    locationCode: 'ams-1',
    total: cap(4, 8192, 80),
    status: 'active',
    maintenanceFrom: null,
    holds: [hold('r-1')],
    allocations: [{ machineId: 'm-1', orderId: 'ord-0', resources: small, occupies: month }],
  });

  it('rebuilds a host that carries on from its stored state', () => {
    const host = Host.restore(stored());
    expect(host.snapshot()).toEqual(stored());
    expect(host.freeCapacity(month, t0)).toEqual(cap(0, 0, 0));
    expect(expectErr(host.placeHold(hold('r-2'), t0)).reason).toBe('insufficient_capacity');
  });

  it.each<[string, Partial<HostState>]>([
    ['a reservation twice', { total: cap(8, 16384, 160), holds: [hold('r-1'), hold('r-1')] }],
    [
      'a machine twice',
      {
        total: cap(8, 16384, 160),
        allocations: [
          { machineId: 'm-1', orderId: 'o', resources: small, occupies: month },
          { machineId: 'm-1', orderId: 'o', resources: small, occupies: month },
        ],
      },
    ],
    ['an unknown status', { status: 'broken' as HostState['status'] }],
    ['a retired host with allocations', { status: 'retired', holds: [] }],
    ['a maintenance without a start', { status: 'maintenance' }],
    ['an active host with a maintenance start', { maintenanceFrom: later }],
    ['an invalid maintenance start', { status: 'maintenance', maintenanceFrom: new Date(Number.NaN) }],
    ['a hold that ends before it starts', { holds: [hold('r-1', small, inAnHour, { from: later, until: t0 })] }],
  ])('throws on %s', (_, override) => {
    expect(() => Host.restore({ ...stored(), ...override })).toThrow(RangeError);
  });

  it('hands out copies: changing a snapshot changes nothing', () => {
    const host = Host.restore(stored());
    const snapshot = host.snapshot();
    snapshot.holds[0].expiresAt?.setUTCFullYear(2030);
    snapshot.allocations[0].occupies.from.setUTCFullYear(2030);
    (snapshot.total as { vcpu: number }).vcpu = 99;
    expect(host.snapshot()).toEqual(stored());
  });
});

describe('Host: the calendar', () => {
  const oneMachine = () => newHost(small);
  const day = (d: number) => `2026-03-${String(d).padStart(2, '0')}T12:00:00.000Z`;
  const days = (from: number, until: number) => during(day(from), day(until));
  const paid = (reservationId: string, occupies: Interval) => hold(reservationId, small, null, occupies);

  it('refuses a rental next week on a host that is free today but full from next week', () => {
    const host = oneMachine();
    expectOk(host.placeHold(paid('next-week', days(17, 31)), t0));
    expect(host.freeCapacity(days(10, 16), t0)).toEqual(small);
    expect(expectErr(host.placeHold(paid('also-next-week', days(18, 25)), t0)).reason).toBe('insufficient_capacity');
    expect(expectErr(host.placeHold(paid('into-next-week', days(12, 18)), t0)).reason).toBe('insufficient_capacity');
    expectOk(host.placeHold(paid('this-week', days(10, 17)), t0));
  });

  it('takes a rental next month on a host that is full today but free from next month', () => {
    const host = oneMachine();
    expectOk(host.moveIn(machine('m-today', month), t0));
    expect(host.freeCapacity(month, t0)).toEqual(cap(0, 0, 0));
    const nextMonth = during('2026-04-09T12:00:00.000Z', '2026-05-09T12:00:00.000Z');
    expect(host.freeCapacity(nextMonth, t0)).toEqual(small);
    expectOk(host.placeHold(hold('r-next', small, inAnHour, nextMonth), t0));
  });

  it('fits back-to-back rentals, and counts the peak of what overlaps rather than its sum', () => {
    const host = newHost(cap(4, 8192, 80));
    expectOk(host.placeHold(paid('a', days(10, 15)), t0));
    expectOk(host.placeHold(paid('b', days(15, 20)), t0));
    // Three machines overlap [12, 18), but never more than two at once.
    expectOk(host.placeHold(paid('c', days(12, 18)), t0));
    expect(host.usedOver(days(10, 20), t0)).toEqual(cap(4, 8192, 80));
    expect(expectErr(host.placeHold(paid('d', days(11, 13)), t0)).reason).toBe('insufficient_capacity');
    expectOk(host.placeHold(paid('d', days(18, 25)), t0));
  });

  it('keeps counting a machine past its planned end until it is taken back', () => {
    const host = oneMachine();
    expectOk(host.moveIn(machine('m-1', days(10, 12)), t0));
    const afterItsEnd = at(day(13));
    expect(host.freeCapacity(days(13, 20), afterItsEnd)).toEqual(cap(0, 0, 0));
    expectOk(host.releaseAllocation('m-1', afterItsEnd));
    expect(host.freeCapacity(days(13, 20), afterItsEnd)).toEqual(small);
  });

  it('counts a rental whose end nobody knows (an open end) for ever after its start', () => {
    const host = oneMachine();
    expectOk(host.moveIn(machine('m-1', during(day(10), null)), t0));
    expect(expectErr(host.placeHold(paid('r-1', during('2027-01-01T00:00:00.000Z', '2027-02-01T00:00:00.000Z')), t0)).reason).toBe('insufficient_capacity');
  });

  it('builds a machine over the rental of its hold, from now when it comes before the planned start', () => {
    const host = newHost();
    expectOk(host.placeHold(paid('r-1', days(20, 30)), t0));
    expectOk(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, at(day(19))));
    expect(host.snapshot().allocations[0].occupies).toEqual(days(19, 30));
  });

  it('does not shrink below what a rental to come needs', () => {
    const host = newHost(cap(8, 16384, 160));
    expectOk(host.placeHold(paid('r-1', days(20, 30)), t0));
    expect(expectErr(host.changeCapacity(cap(1, 4096, 40), t0))).toMatchObject({ reason: 'capacity_below_use', inUse: small });
    expectOk(host.releaseHold('r-1', t0));
    expect(expectOk(host.changeCapacity(cap(1, 4096, 40), t0))).toHaveLength(1);
  });
});

describe('Host.payHold', () => {
  it('keeps a paid hold past its payment window until it is used', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1'), t0));
    expect(expectOk(host.payHold('r-1', t0))).toEqual([{ type: 'host.hold-paid', hostId: 'h-1', reservationId: 'r-1', at: t0 }]);
    expect(host.snapshot().holds).toEqual([hold('r-1', small, null)]);
    expect(host.expireHolds(later)).toEqual({ released: [], events: [] });
    expect(host.freeCapacity(month, later)).toEqual(cap(14, 61440, 960));
    expectOk(host.allocate({ reservationId: 'r-1', machineId: 'm-1', resources: small }, at('2026-03-20T00:00:00.000Z')));
  });

  it('pays a hold once, and refuses one that lapsed or is not here', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1'), t0));
    expectOk(host.placeHold(hold('r-2'), t0));
    expectOk(host.payHold('r-1', t0));
    expect(expectOk(host.payHold('r-1', later))).toEqual([]);
    expect(expectErr(host.payHold('r-2', inAnHour))).toEqual({ reason: 'hold_expired', hostId: 'h-1', reservationId: 'r-2', expiresAt: inAnHour });
    expect(expectErr(host.payHold('r-9', t0))).toEqual({ reason: 'hold_not_found', hostId: 'h-1', reservationId: 'r-9' });
  });
});

describe('Host.moveRentalEnd', () => {
  const nextMonth = during('2026-04-09T12:00:00.000Z', '2026-05-09T12:00:00.000Z');
  const newEnd = at('2026-04-16T12:00:00.000Z');

  it("moves the end of the order's machines and holds on this host, once", () => {
    const host = newHost();
    expectOk(host.moveIn(machine('m-1'), t0));
    expectOk(host.placeHold({ ...hold('r-1', small, null), orderId: 'ord-m-1' }, t0));
    expectOk(host.moveIn(machine('m-2'), t0));
    expect(host.moveRentalEnd('ord-m-1', newEnd, later)).toEqual([
      { type: 'host.rental-end-moved', hostId: 'h-1', orderId: 'ord-m-1', reservationIds: ['r-1'], machineIds: ['m-1'], until: newEnd, at: later },
    ]);
    const { holds, allocations } = host.snapshot();
    expect(holds[0].occupies).toEqual({ from: month.from, until: newEnd });
    expect(allocations.map((allocation) => allocation.occupies.until)).toEqual([newEnd, month.until]);
    expect(host.moveRentalEnd('ord-m-1', newEnd, later)).toEqual([]);
    expect(host.moveRentalEnd('ord-elsewhere', newEnd, later)).toEqual([]);
  });

  it('applies a paid extension that overbooks the host, which then shows nothing free and more used than it has', () => {
    const host = newHost(small);
    expectOk(host.moveIn(machine('m-1'), t0));
    expectOk(host.placeHold(hold('r-next', small, null, nextMonth), t0));
    expect(host.moveRentalEnd('ord-m-1', newEnd, later)).toHaveLength(1);
    expect(host.usedOver(nextMonth, later)).toEqual(cap(4, 8192, 80));
    expect(host.freeCapacity(nextMonth, later)).toEqual(cap(0, 0, 0));
    expect(() => Host.restore(host.snapshot())).not.toThrow();
  });
});
