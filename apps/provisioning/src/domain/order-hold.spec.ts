import type { Interval, Occupancy } from './calendar';
import type { Capacity } from './capacity';
import { Host } from './host';
import { IpPool } from './ip-pool';
import { findRoom, holdAgainPaid, holdLapsed, payOrderHold, placeOrderHold, releaseOrderHold, takeOrderHold } from './order-hold';

const at = (iso: string) => new Date(iso);
const t0 = at('2026-03-10T12:00:00.000Z');
const inAnHour = at('2026-03-10T13:00:00.000Z');
const later = at('2026-03-10T14:00:00.000Z');
const month: Interval = { from: t0, until: at('2026-04-09T12:00:00.000Z') };
const cap = (vcpu: number, memoryMb: number, diskGb: number): Capacity => ({ vcpu, memoryMb, diskGb });
const plan = cap(2, 4096, 40);

/** Two hosts in ams-1 with room for two machines of `plan` each. */
const twoHosts = () => [
  Host.register({ id: 'h-1', locationCode: 'ams-1', total: cap(4, 8192, 80) }, t0).host,
  Host.register({ id: 'h-2', locationCode: 'ams-1', total: cap(4, 8192, 80) }, t0).host,
];

function newPool(): IpPool {
  const created = IpPool.create('ams-1', ['203.0.113.0/28'], t0);
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return created.value.pool;
}

const wanted = (quantity: number) => ({ locationCode: 'ams-1', resources: plan, quantity, occupies: month });

/** Holds `quantity` machines for order-1 under hold-1, unpaid until inAnHour. */
function held(quantity: number) {
  const hosts = twoHosts();
  const room = findRoom(hosts, newPool(), [], wanted(quantity), t0);
  if (!room.ok) throw new Error(JSON.stringify(room.noRoom));
  placeOrderHold(hosts, room.placement, { holdId: 'hold-1', orderId: 'order-1', occupies: month, expiresAt: inAnHour }, t0);
  return hosts;
}

const heldParts = (hosts: readonly Host[]) =>
  hosts.flatMap((host) => host.snapshot().holds.map((hold) => ({ hostId: host.id, machines: hold.resources.vcpu / plan.vcpu, expiresAt: hold.expiresAt })));

describe('findRoom', () => {
  it('places the machines when the hosts have the room and the pool the addresses', () => {
    const room = findRoom(twoHosts(), newPool(), [], wanted(3), t0);
    expect(room.ok && room.placement.assignments.reduce((sum, assignment) => sum + assignment.machines, 0)).toBe(3);
  });

  it('says the hosts lack the room, with placement’s reason', () => {
    const room = findRoom(twoHosts(), newPool(), [], wanted(5), t0);
    expect(room).toEqual({ ok: false, noRoom: { lacking: 'hosts', detail: expect.any(String) } });
  });

  it('says the addresses lack, with how many are free, when the other rentals need the rest', () => {
    const pool = newPool();
    const size = pool.freeOver(month, [], t0);
    const others: Occupancy<number>[] = [{ amount: size - 1, occupies: month }];
    expect(findRoom(twoHosts(), pool, others, wanted(2), t0)).toEqual({ ok: false, noRoom: { lacking: 'addresses', free: 1 } });
  });
});

describe('placeOrderHold', () => {
  it('sets a part aside on every host placement chose, under the one hold id', () => {
    const hosts = held(3);
    expect(heldParts(hosts).reduce((sum, part) => sum + part.machines, 0)).toBe(3);
    expect(hosts.every((host) => host.snapshot().holds.every((hold) => hold.reservationId === 'hold-1'))).toBe(true);
  });
});

describe('payOrderHold', () => {
  it('marks every part paid, so that it no longer lapses', () => {
    const hosts = held(3);
    expect(payOrderHold(hosts, 'hold-1', t0)?.length).toBeGreaterThan(0);
    expect(heldParts(hosts).every((part) => part.expiresAt === null)).toBe(true);
  });

  it('is null once the hold has lapsed', () => {
    expect(payOrderHold(held(3), 'hold-1', later)).toBeNull();
  });
});

describe('holdAgainPaid', () => {
  it('takes the room again as a paid hold after the unpaid one lapsed', () => {
    const hosts = held(3);
    const again = holdAgainPaid(hosts, newPool(), [], { ...wanted(3), holdId: 'hold-1', orderId: 'order-1' }, later);
    expect(again.ok).toBe(true);
    expect(heldParts(hosts).every((part) => part.expiresAt === null)).toBe(true);
    expect(heldParts(hosts).reduce((sum, part) => sum + part.machines, 0)).toBe(3);
  });

  it('says what is missing when the room is gone', () => {
    const hosts = held(3);
    const pool = newPool();
    const others: Occupancy<number>[] = [{ amount: pool.freeOver(month, [], later), occupies: month }];
    expect(holdAgainPaid(hosts, pool, others, { ...wanted(3), holdId: 'hold-1', orderId: 'order-1' }, later)).toEqual({
      ok: false,
      detail: 'the hold lapsed before payment and only 0 IP addresses are free',
    });
  });
});

describe('takeOrderHold', () => {
  it('turns the paid hold into one allocation per machine, on the hosts that held them', () => {
    const hosts = held(3);
    payOrderHold(hosts, 'hold-1', t0);
    let next = 0;
    const taken = takeOrderHold(hosts, { holdId: 'hold-1', orderId: 'order-1', resources: plan, quantity: 3 }, () => `m-${(next += 1)}`, t0);
    expect(taken.machines.map((machine) => machine.machineId)).toEqual(['m-1', 'm-2', 'm-3']);
    expect(hosts.flatMap((host) => host.snapshot().allocations.map((allocation) => allocation.machineId)).sort()).toEqual(['m-1', 'm-2', 'm-3']);
    expect(heldParts(hosts)).toEqual([]);
  });

  it('throws when the hold does not come out at the order’s quantity, which is a bug', () => {
    const hosts = held(3);
    payOrderHold(hosts, 'hold-1', t0);
    let next = 0;
    const take = () => takeOrderHold(hosts, { holdId: 'hold-1', orderId: 'order-1', resources: plan, quantity: 4 }, () => `m-${(next += 1)}`, t0);
    expect(take).toThrow('order order-1: hold hold-1 held 3 machines, not 4');
  });
});

describe('releaseOrderHold', () => {
  it('gives every part back', () => {
    const hosts = held(3);
    expect(releaseOrderHold(hosts, 'hold-1', t0).length).toBeGreaterThan(0);
    expect(heldParts(hosts)).toEqual([]);
  });

  it('passes over hosts that dropped their part already', () => {
    expect(releaseOrderHold(twoHosts(), 'hold-1', t0)).toEqual([]);
  });
});

describe('holdLapsed', () => {
  it('is true for an unpaid hold whose time is up, and only then', () => {
    expect(holdLapsed({ status: 'reserved', holdExpiresAt: inAnHour }, inAnHour)).toBe(true);
    expect(holdLapsed({ status: 'reserved', holdExpiresAt: inAnHour }, t0)).toBe(false);
    expect(holdLapsed({ status: 'scheduled', holdExpiresAt: inAnHour }, later)).toBe(false);
  });
});
