import type { Interval, Occupancy } from './calendar';
import { type Capacity, isZeroCapacity } from './capacity';
import type { Host } from './host';
import type { HostEvent } from './host-events';
import type { IpPool } from './ip-pool';
import type { OrderRequest } from './order-request';
import { placeMachines, type Placement } from './placement';

/**
 * An order's capacity hold: its share of the location's hosts (one part per host placement chose),
 * all under one hold id, set aside over the rental's time until it is paid and built on, or given
 * back. These rules span hosts; each host keeps its own part.
 */

/** What an order asks to hold: `quantity` machines of `resources` each, over `occupies`. */
export interface HoldWanted {
  readonly locationCode: string;
  readonly resources: Capacity;
  readonly quantity: number;
  readonly occupies: Interval;
}

/** Why there is no room: the hosts (placement's reason), or the addresses (how many are free). */
export type NoRoom = { readonly lacking: 'hosts'; readonly detail: string } | { readonly lacking: 'addresses'; readonly free: number };

/**
 * Where the order's machines would go, if the hosts have the room over its time and the pool the
 * addresses. `addressNeeds` is the location's address calendar: what every other rental needs.
 */
export function findRoom(
  hosts: readonly Host[],
  pool: IpPool,
  addressNeeds: readonly Occupancy<number>[],
  wanted: HoldWanted,
  at: Date,
): { ok: true; placement: Placement } | { ok: false; noRoom: NoRoom } {
  const placement = placeMachines(
    hosts.map((host) => host.placementCandidate(wanted.occupies, at)),
    { locationCode: wanted.locationCode, resources: wanted.resources, quantity: wanted.quantity },
  );
  if (!placement.ok) return { ok: false, noRoom: { lacking: 'hosts', detail: placement.error.detail } };
  const free = pool.freeOver(wanted.occupies, addressNeeds, at);
  if (free < wanted.quantity) return { ok: false, noRoom: { lacking: 'addresses', free } };
  return { ok: true, placement: placement.value };
}

/** The hold to place: its id, its order, and when it lapses unpaid (null: paid, it never lapses). */
export interface HoldToPlace {
  readonly holdId: string;
  readonly orderId: string;
  readonly occupies: Interval;
  readonly expiresAt: Date | null;
}

/** Places the hold's part on every host placement chose. Placement chose them for what is free on them, so a refusal is a bug. */
export function placeOrderHold(hosts: readonly Host[], placement: Placement, hold: HoldToPlace, at: Date): HostEvent[] {
  return placement.assignments.flatMap((assignment) => {
    const host = hostById(hosts, assignment.hostId);
    const held = host.placeHold(
      { reservationId: hold.holdId, orderId: hold.orderId, resources: assignment.resources, occupies: hold.occupies, expiresAt: hold.expiresAt },
      at,
    );
    if (!held.ok) throw new Error(`host ${host.id} refused a hold placement chose it for: ${JSON.stringify(held.error)}`);
    return held.value;
  });
}

/** Marks the live hold paid on every host it spans; null when it has lapsed (no host holds it any more). */
export function payOrderHold(hosts: readonly Host[], holdId: string, at: Date): HostEvent[] | null {
  const paid = hosts.map((host) => host.payHold(holdId, at));
  return paid.some((result) => result.ok) ? paid.flatMap((result) => (result.ok ? result.value : [])) : null;
}

/**
 * The payment came after the hold lapsed (the order service cancels such orders, but a payment can
 * cross the deadline). If the room is still there over the rental's time, it is taken the same way
 * a new order would take it, as a paid hold; the lapsed holds found on the way are dropped.
 */
export function holdAgainPaid(
  hosts: readonly Host[],
  pool: IpPool,
  addressNeeds: readonly Occupancy<number>[],
  wanted: HoldWanted & { readonly holdId: string; readonly orderId: string },
  at: Date,
): { ok: true; events: HostEvent[] } | { ok: false; detail: string } {
  const lapsed = hosts.flatMap((host) => host.expireHolds(at).events);
  const room = findRoom(hosts, pool, addressNeeds, wanted, at);
  if (!room.ok) {
    const why = room.noRoom.lacking === 'hosts' ? room.noRoom.detail : `only ${room.noRoom.free} IP addresses are free`;
    return { ok: false, detail: `the hold lapsed before payment and ${why}` };
  }
  const held = placeOrderHold(hosts, room.placement, { ...wanted, expiresAt: null }, at);
  return { ok: true, events: [...lapsed, ...held] };
}

/** A machine the paid hold became: its id and the host whose share it took. */
export interface HeldMachine {
  readonly machineId: string;
  readonly hostId: string;
}

/**
 * Turns the paid hold into `quantity` machines, each an allocation of `resources` on the host whose
 * part it uses up. A paid hold never lapses and only a cancellation releases it, which leaves
 * nothing to build: a hold that does not come out at `quantity` machines is a bug.
 */
export function takeOrderHold(
  hosts: readonly Host[],
  hold: { readonly holdId: string; readonly orderId: string; readonly resources: Capacity; readonly quantity: number },
  newMachineId: () => string,
  at: Date,
): { machines: HeldMachine[]; events: HostEvent[] } {
  const { holdId } = hold;
  const holding = hosts.filter((host) => host.snapshot().holds.some((part) => part.reservationId === holdId));
  const machines: HeldMachine[] = [];
  const events: HostEvent[] = [];
  for (const host of holding) {
    // A host's part of the hold is a whole number of machines: take one at a time until it is used up.
    for (let usedUp = false; !usedUp;) {
      const machineId = newMachineId();
      const allocated = host.allocate({ reservationId: holdId, machineId, resources: hold.resources }, at);
      if (!allocated.ok) throw new Error(`order ${hold.orderId}: hold ${holdId} refused a machine: ${JSON.stringify(allocated.error)}`);
      events.push(...allocated.value);
      machines.push({ machineId, hostId: host.id });
      usedUp = allocated.value.some((e) => e.type === 'host.capacity-allocated' && isZeroCapacity(e.remainingHold));
    }
  }
  if (machines.length !== hold.quantity) {
    throw new Error(`order ${hold.orderId}: hold ${holdId} held ${machines.length} machines, not ${hold.quantity}`);
  }
  return { machines, events };
}

/**
 * Drops what is left of the hold on every host of the location. A host may have dropped its part
 * already, when another order's hold found it lapsed: that part is simply gone.
 */
export function releaseOrderHold(hosts: readonly Host[], holdId: string, at: Date): HostEvent[] {
  return hosts.flatMap((host) => {
    const released = host.releaseHold(holdId, at);
    return released.ok ? released.value : [];
  });
}

/** An unpaid hold whose time is up has lapsed on its own, even if the timer that gives it back has not fired yet. */
export function holdLapsed(hold: Pick<OrderRequest, 'status' | 'holdExpiresAt'>, at: Date): boolean {
  return hold.status === 'reserved' && hold.holdExpiresAt !== null && hold.holdExpiresAt.getTime() <= at.getTime();
}

function hostById(hosts: readonly Host[], hostId: string): Host {
  const host = hosts.find((candidate) => candidate.id === hostId);
  if (host === undefined) throw new Error(`placement chose host ${hostId}, which is not among the location's hosts`);
  return host;
}
