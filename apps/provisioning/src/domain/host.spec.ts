import type { Capacity } from './capacity';
import { type CapacityHold, Host, type HostEvent, type HostState } from './host';

const at = (iso: string) => new Date(iso);
const t0 = at('2026-03-10T12:00:00.000Z');
const inAnHour = at('2026-03-10T13:00:00.000Z');
const later = at('2026-03-10T14:00:00.000Z');
const cap = (vcpu: number, memoryMb: number, diskGb: number): Capacity => ({ vcpu, memoryMb, diskGb });
const small: Capacity = Object.freeze(cap(2, 4096, 40));

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function expectErr<E>(result: { ok: true; value: unknown } | { ok: false; error: E }): E {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

const hold = (reservationId: string, resources: Capacity = small, expiresAt = inAnHour): CapacityHold => ({
  reservationId,
  orderId: `ord-${reservationId}`,
  resources,
  expiresAt,
});

const newHost = (total: Capacity = cap(16, 65536, 1000)) =>
  Host.register({ id: 'h-1', locationCode: 'ams-1', total }, t0).host;

describe('Host.register', () => {
  it('starts active and empty, with all of its capacity free, and says so', () => {
    const { host, events } = Host.register({ id: 'h-1', locationCode: 'ams-1', total: cap(16, 65536, 1000) }, t0);
    expect(host.status).toBe('active');
    expect(host.id).toBe('h-1');
    expect(host.locationCode).toBe('ams-1');
    expect(host.freeCapacity(t0)).toEqual(cap(16, 65536, 1000));
    expect(host.snapshot()).toEqual({
      id: 'h-1',
      locationCode: 'ams-1',
      total: cap(16, 65536, 1000),
      status: 'active',
      maintenanceFrom: null,
      holds: [],
      allocations: [],
    });
    expect(events).toEqual([
      { type: 'host.registered', hostId: 'h-1', locationCode: 'ams-1', total: cap(16, 65536, 1000), at: t0 },
    ]);
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
    expect(host.freeCapacity(t0)).toEqual(cap(14, 61440, 960));
    expect(host.snapshot().holds).toEqual([hold('r-1')]);
  });

  it('accepts a hold that uses exactly what is free', () => {
    const host = newHost(cap(2, 4096, 40));
    expectOk(host.placeHold(hold('r-1'), t0));
    expect(host.freeCapacity(t0)).toEqual(cap(0, 0, 0));
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

  it('refuses from the start of a maintenance on, and takes holds until then', () => {
    const host = newHost();
    expectOk(host.scheduleMaintenance(inAnHour, t0));
    expectOk(host.placeHold(hold('r-1', small, later), t0));
    expect(expectErr(host.placeHold(hold('r-2', small, later), inAnHour))).toEqual({
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
    expect(host.freeCapacity(inAnHour)).toEqual(small);
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
    const given = hold('r-1', cap(2, 4096, 40), at('2026-03-10T13:00:00.000Z'));
    expectOk(host.placeHold(given, t0));
    given.expiresAt.setUTCFullYear(2030);
    (given.resources as { vcpu: number }).vcpu = 99;
    expect(host.snapshot().holds[0]).toEqual(hold('r-1'));
  });
});

describe('Host.releaseHold', () => {
  it('frees the held capacity and returns host.hold-released', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1'), t0));
    expect(expectOk(host.releaseHold('r-1', t0))).toEqual([
      { type: 'host.hold-released', hostId: 'h-1', hold: hold('r-1'), at: t0 },
    ]);
    expect(host.freeCapacity(t0)).toEqual(cap(16, 65536, 1000));
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
        allocation: { machineId: 'm-1', orderId: 'ord-r-1', resources: small },
        remainingHold: cap(0, 0, 0),
        at: t0,
      },
    ]);
    expect(host.snapshot().holds).toEqual([]);
    expect(host.snapshot().allocations).toEqual([{ machineId: 'm-1', orderId: 'ord-r-1', resources: small }]);
    expect(host.freeCapacity(t0)).toEqual(cap(14, 61440, 960));
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
    expect(expectErr(host.allocate({ reservationId: 'r-2', machineId: 'm-1', resources: small }, t0)).reason).toBe(
      'hold_not_found',
    );
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
  const moved = { machineId: 'm-9', orderId: 'ord-9', resources: small };

  it('gives a machine moved from another host its room without a hold', () => {
    const host = newHost(cap(4, 8192, 80));
    expect(expectOk(host.moveIn(moved, t0))).toEqual([{ type: 'host.machine-moved-in', hostId: 'h-1', allocation: moved, at: t0 }]);
    expect(host.freeCapacity(t0)).toEqual(cap(2, 4096, 40));
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

  it('refuses a host in maintenance and a machine it already has', () => {
    const host = newHost();
    expectOk(host.moveIn(moved, t0));
    expect(expectErr(host.moveIn(moved, t0))).toEqual({ reason: 'machine_already_allocated', hostId: 'h-1', machineId: 'm-9' });
    expectOk(host.scheduleMaintenance(inAnHour, t0));
    expectOk(host.moveIn({ ...moved, machineId: 'm-10' }, t0));
    expect(expectErr(host.moveIn({ ...moved, machineId: 'm-11' }, inAnHour))).toEqual({
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
        allocation: { machineId: 'm-1', orderId: 'ord-r-1', resources: small },
        at: later,
      },
    ]);
    expect(host.freeCapacity(later)).toEqual(cap(16, 65536, 1000));
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
    expect(events).toEqual<HostEvent[]>([
      { type: 'host.hold-expired', hostId: 'h-1', hold: hold('r-1', small, inAnHour), at: inAnHour },
    ]);
    expect(host.snapshot().holds.map((entry) => entry.reservationId)).toEqual(['r-2']);
    expect(host.expireHolds(inAnHour)).toEqual({ released: [], events: [] });
  });
});

describe('Host.scheduleMaintenance', () => {
  it('keeps the host a candidate until the maintenance starts, then keeps what it holds and runs', () => {
    const host = newHost();
    expectOk(host.placeHold(hold('r-1', small, later), t0));
    expect(expectOk(host.scheduleMaintenance(inAnHour, t0))).toEqual([
      { type: 'host.maintenance-scheduled', hostId: 'h-1', from: inAnHour, at: t0 },
    ]);
    expect(host.status).toBe('maintenance');
    expect(host.snapshot().maintenanceFrom).toEqual(inAnHour);
    expect(host.statusAt(at('2026-03-10T12:59:59.999Z'))).toBe('active');
    expect(host.placementCandidate(inAnHour)).toEqual({
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
    expect(expectOk(host.scheduleMaintenance(later, t0))).toEqual([
      { type: 'host.maintenance-scheduled', hostId: 'h-1', from: later, at: t0 },
    ]);
    expect(host.statusAt(inAnHour)).toBe('active');
    expect(host.statusAt(later)).toBe('maintenance');
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
    expect(host.freeCapacity(t0)).toEqual(cap(0, 0, 0));
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
    expect(expectOk(host.retire(t0))).toEqual([
      { type: 'host.status-changed', hostId: 'h-1', from: 'maintenance', to: 'retired', at: t0 },
    ]);
    expect(expectOk(host.retire(later))).toEqual([]);
    expect(host.statusAt(t0)).toBe('retired');
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
    allocations: [{ machineId: 'm-1', orderId: 'ord-0', resources: small }],
  });

  it('rebuilds a host that carries on from its stored state', () => {
    const host = Host.restore(stored());
    expect(host.snapshot()).toEqual(stored());
    expect(host.freeCapacity(t0)).toEqual(cap(0, 0, 0));
    expect(expectErr(host.placeHold(hold('r-2'), t0)).reason).toBe('insufficient_capacity');
  });

  it.each<[string, Partial<HostState>]>([
    ['more promised than the total', { total: cap(3, 8192, 80) }],
    ['a reservation twice', { total: cap(8, 16384, 160), holds: [hold('r-1'), hold('r-1')] }],
    [
      'a machine twice',
      {
        total: cap(8, 16384, 160),
        allocations: [
          { machineId: 'm-1', orderId: 'o', resources: small },
          { machineId: 'm-1', orderId: 'o', resources: small },
        ],
      },
    ],
    ['an unknown status', { status: 'broken' as HostState['status'] }],
    ['a retired host with allocations', { status: 'retired', holds: [] }],
    ['a maintenance without a start', { status: 'maintenance' }],
    ['an active host with a maintenance start', { maintenanceFrom: later }],
    ['an invalid maintenance start', { status: 'maintenance', maintenanceFrom: new Date(Number.NaN) }],
  ])('throws on %s', (_, override) => {
    expect(() => Host.restore({ ...stored(), ...override })).toThrow(RangeError);
  });

  it('hands out copies: changing a snapshot changes nothing', () => {
    const host = Host.restore(stored());
    const snapshot = host.snapshot();
    snapshot.holds[0].expiresAt.setUTCFullYear(2030);
    (snapshot.total as { vcpu: number }).vcpu = 99;
    expect(host.snapshot()).toEqual(stored());
  });
});
