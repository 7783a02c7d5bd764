import { copyDate } from '@rental/clock';
import { err, ok, type Result } from '@rental/result';
import { fromNowOn, type Interval, intervalOf, type Occupancy, peakUse } from './calendar';
import { CAPACITY, type Capacity, capacityLeft, capacityOf, fitsWithin, isZeroCapacity, sameCapacity, subtractCapacity } from './capacity';
import type {
  AllocationNotFound,
  AllocationRejection,
  CapacityChangeRejection,
  HoldExpiredRejection,
  HoldNotFound,
  HoldRejection,
  HostEvent,
  HostNotEmpty,
  HostRegistered,
  HostRetired,
  MoveInRejection,
} from './host-events';

export const HOST_STATUSES = ['active', 'maintenance', 'retired'] as const;

/**
 * active: takes new holds and machines. maintenance: scheduled by the inventory from a moment on;
 * a rental that is over before then is as good as on an active host, one that reaches it is not
 * taken, while what the host already holds or runs stays (there is no way back in this version).
 * retired: empty and out of service for good.
 */
export type HostStatus = (typeof HOST_STATUSES)[number];

/**
 * Capacity set aside for an order's machines over the time they will exist, until provisioning
 * turns it into allocations, the order is cancelled, or, unpaid, its payment window closes.
 */
export interface CapacityHold {
  readonly reservationId: string;
  readonly orderId: string;
  readonly resources: Capacity;
  /** From when provisioning is planned to begin to the end of the rental. */
  readonly occupies: Interval;
  /** When the hold lapses unpaid; null once its order is paid: it then lasts until it is used or released. */
  readonly expiresAt: Date | null;
}

/** Capacity a machine occupies on this host, over its rental (until it is taken back). */
export interface Allocation {
  readonly machineId: string;
  readonly orderId: string;
  readonly resources: Capacity;
  readonly occupies: Interval;
}

export interface HostState {
  readonly id: string;
  readonly locationCode: string;
  readonly total: Capacity;
  readonly status: HostStatus;
  /** When maintenance starts: set once it is scheduled (kept when the host is retired), null while active. */
  readonly maintenanceFrom: Date | null;
  readonly holds: readonly CapacityHold[];
  readonly allocations: readonly Allocation[];
}

export interface RegisterHost {
  readonly id: string;
  readonly locationCode: string;
  readonly total: Capacity;
}

export type PlaceHold = CapacityHold;

export interface AllocateFromHold {
  readonly reservationId: string;
  readonly machineId: string;
  readonly resources: Capacity;
}

/** What placement needs to know about a host for one stretch of time. */
export interface PlacementCandidate {
  readonly hostId: string;
  readonly locationCode: string;
  readonly status: HostStatus;
  readonly free: Capacity;
}

/**
 * One physical host and its calendar: the capacity promised on it, each promise over the time the
 * machines it is for will exist. Free capacity over a stretch of time is derived (total minus the
 * most that live holds and allocations take at once during it), never stored, so it cannot drift
 * from what it is made of; a host full today may take a rental that starts when today's are over.
 * Every command returns the events it caused; a refused one returns why and changes nothing.
 */
export class Host {
  private constructor(private state: HostState) {}

  /** A new host from the datacentre inventory starts active and empty. */
  static register(input: RegisterHost, at: Date): { host: Host; events: HostEvent[] } {
    const host = new Host(
      checked({
        id: input.id,
        locationCode: input.locationCode,
        total: input.total,
        status: 'active',
        maintenanceFrom: null,
        holds: [],
        allocations: [],
      }),
    );
    const event: HostRegistered = {
      type: 'host.registered',
      hostId: input.id,
      locationCode: input.locationCode,
      total: capacityOf(input.total),
      at: copyDate(at),
    };
    return { host, events: [event] };
  }

  /** Rebuilds a host from what a repository stored; no events, nothing happened. */
  static restore(state: HostState): Host {
    return new Host(checked(state));
  }

  get id(): string {
    return this.state.id;
  }

  get locationCode(): string {
    return this.state.locationCode;
  }

  get status(): HostStatus {
    return this.state.status;
  }

  /** The status that counts for machines over `within`: one that is over before the maintenance starts may still come. */
  statusOver(within: Interval): HostStatus {
    const { status, maintenanceFrom } = this.state;
    if (status === 'maintenance' && within.until !== null && within.until.getTime() <= (maintenanceFrom as Date).getTime()) {
      return 'active';
    }
    return status;
  }

  /** Whether the inventory registered this host with this location and capacity. */
  isRegisteredAs(input: Omit<RegisterHost, 'id'>): boolean {
    return input.locationCode === this.state.locationCode && sameCapacity(input.total, this.state.total);
  }

  /** A copy: changing it does not change the host. */
  snapshot(): HostState {
    return copyState(this.state);
  }

  /** The most that live holds and allocations take at once during `within`, as it stands at `at`. */
  usedOver(within: Interval, at: Date): Capacity {
    const occupancies: Occupancy<Capacity>[] = [...liveHolds(this.state.holds, at), ...this.state.allocations].map(({ resources, occupies }) => ({
      amount: resources,
      occupies,
    }));
    return peakUse(occupancies, within, at, CAPACITY);
  }

  /** What is free during the whole of `within`. */
  freeCapacity(within: Interval, at: Date): Capacity {
    return capacityLeft(this.state.total, this.usedOver(within, at));
  }

  /** The host as a candidate for machines that will exist over `within`. */
  placementCandidate(within: Interval, at: Date): PlacementCandidate {
    return {
      hostId: this.state.id,
      locationCode: this.state.locationCode,
      status: this.statusOver(within),
      free: this.freeCapacity(within, at),
    };
  }

  /**
   * Sets capacity aside for an order over the time its machines will exist. Holds that have run out
   * are dropped in the same move (with their events), so that the stored ones are all live.
   */
  placeHold(input: PlaceHold, at: Date): Result<HostEvent[], HoldRejection> {
    const hold = checkedHold(input);
    if (hold.expiresAt !== null && !(hold.expiresAt.getTime() > at.getTime())) {
      throw new RangeError(`host ${this.state.id}: hold ${hold.reservationId} must expire after it is placed`);
    }
    const hostId = this.state.id;
    const status = this.statusOver(hold.occupies);
    if (status !== 'active') return err({ reason: 'host_not_active', hostId, status });
    const live = liveHolds(this.state.holds, at);
    if (live.some((existing) => existing.reservationId === hold.reservationId)) {
      return err({ reason: 'duplicate_reservation', hostId, reservationId: hold.reservationId });
    }
    const free = this.freeCapacity(hold.occupies, at);
    if (!fitsWithin(hold.resources, free)) {
      return err({ reason: 'insufficient_capacity', hostId, requested: hold.resources, free });
    }
    const expired = this.dropExpired(at);
    this.state = { ...this.state, holds: [...this.state.holds, hold] };
    return ok([...expired.events, { type: 'host.capacity-held', hostId, hold: copyHold(hold), at: copyDate(at) }]);
  }

  /** The hold's order is paid: it no longer lapses, and waits to be used (or released by a cancellation). */
  payHold(reservationId: string, at: Date): Result<HostEvent[], HoldNotFound | HoldExpiredRejection> {
    const hostId = this.state.id;
    const hold = this.state.holds.find((candidate) => candidate.reservationId === reservationId);
    if (hold === undefined) return err({ reason: 'hold_not_found', hostId, reservationId });
    if (hold.expiresAt === null) return ok([]);
    if (!isLive(hold, at)) return err({ reason: 'hold_expired', hostId, reservationId, expiresAt: copyDate(hold.expiresAt) });
    this.state = {
      ...this.state,
      holds: this.state.holds.map((candidate) => (candidate === hold ? { ...hold, expiresAt: null } : candidate)),
    };
    return ok([{ type: 'host.hold-paid', hostId, reservationId, at: copyDate(at) }]);
  }

  /** Gives back what is left of a hold (order cancelled, payment window closed). */
  releaseHold(reservationId: string, at: Date): Result<HostEvent[], HoldNotFound> {
    const hold = this.state.holds.find((candidate) => candidate.reservationId === reservationId);
    if (hold === undefined) return err({ reason: 'hold_not_found', hostId: this.state.id, reservationId });
    this.state = { ...this.state, holds: this.state.holds.filter((candidate) => candidate !== hold) };
    return ok([{ type: 'host.hold-released', hostId: this.state.id, hold: copyHold(hold), at: copyDate(at) }]);
  }

  /**
   * Moves one machine's share of a hold into an allocation until the rental's end. A hold for several
   * machines on this host is taken a machine at a time and disappears once used up. Maintenance does
   * not stop it: the capacity was promised before the host went into maintenance.
   */
  allocate(input: AllocateFromHold, at: Date): Result<HostEvent[], AllocationRejection> {
    const resources = capacityOf(input.resources);
    const hostId = this.state.id;
    const { reservationId, machineId } = input;
    if (isZeroCapacity(resources)) throw new RangeError(`host ${hostId}: machine ${machineId} must take some resources`);
    if (this.state.allocations.some((allocation) => allocation.machineId === machineId)) {
      return err({ reason: 'machine_already_allocated', hostId, machineId });
    }
    const hold = this.state.holds.find((candidate) => candidate.reservationId === reservationId);
    if (hold === undefined) return err({ reason: 'hold_not_found', hostId, reservationId });
    if (!isLive(hold, at)) {
      return err({ reason: 'hold_expired', hostId, reservationId, expiresAt: copyDate(hold.expiresAt as Date) });
    }
    if (!fitsWithin(resources, hold.resources)) {
      return err({ reason: 'exceeds_hold', hostId, reservationId, requested: resources, held: capacityOf(hold.resources) });
    }
    const remainingHold = subtractCapacity(hold.resources, resources);
    // A machine built before its rental's planned start occupies the host from when it is built.
    const from = at.getTime() < hold.occupies.from.getTime() ? at : hold.occupies.from;
    const allocation: Allocation = { machineId, orderId: hold.orderId, resources, occupies: intervalOf(from, hold.occupies.until) };
    const holds = isZeroCapacity(remainingHold)
      ? this.state.holds.filter((candidate) => candidate !== hold)
      : this.state.holds.map((candidate) => (candidate === hold ? { ...hold, resources: remainingHold } : candidate));
    this.state = { ...this.state, holds, allocations: [...this.state.allocations, allocation] };
    return ok([
      {
        type: 'host.capacity-allocated',
        hostId,
        reservationId,
        allocation: copyAllocation(allocation),
        remainingHold,
        at: copyDate(at),
      },
    ]);
  }

  /**
   * Takes a machine that was already paid for, moved here for its next provisioning attempt. It
   * needs no hold, but the room must be free for the rest of its rental and the host active until
   * then: a retry never lands on a host whose maintenance starts before the rental is over.
   */
  moveIn(input: Allocation, at: Date): Result<HostEvent[], MoveInRejection> {
    const resources = capacityOf(input.resources);
    const hostId = this.state.id;
    const { machineId } = input;
    if (isZeroCapacity(resources)) throw new RangeError(`host ${hostId}: machine ${machineId} must take some resources`);
    const occupies = intervalOf(input.occupies.from, input.occupies.until);
    const status = this.statusOver(occupies);
    if (status !== 'active') return err({ reason: 'host_not_active', hostId, status });
    if (this.state.allocations.some((allocation) => allocation.machineId === machineId)) {
      return err({ reason: 'machine_already_allocated', hostId, machineId });
    }
    const free = this.freeCapacity(occupies, at);
    if (!fitsWithin(resources, free)) return err({ reason: 'insufficient_capacity', hostId, requested: resources, free });
    const allocation: Allocation = { machineId, orderId: input.orderId, resources, occupies };
    this.state = { ...this.state, allocations: [...this.state.allocations, allocation] };
    return ok([{ type: 'host.machine-moved-in', hostId, allocation: copyAllocation(allocation), at: copyDate(at) }]);
  }

  /** Frees a machine's capacity once it has been wiped. */
  releaseAllocation(machineId: string, at: Date): Result<HostEvent[], AllocationNotFound> {
    const allocation = this.state.allocations.find((candidate) => candidate.machineId === machineId);
    if (allocation === undefined) return err({ reason: 'allocation_not_found', hostId: this.state.id, machineId });
    this.state = { ...this.state, allocations: this.state.allocations.filter((candidate) => candidate !== allocation) };
    const hostId = this.state.id;
    return ok([{ type: 'host.allocation-released', hostId, allocation: copyAllocation(allocation), at: copyDate(at) }]);
  }

  /**
   * The order's rental now ends at `until` (an extension was paid): its holds and machines here
   * occupy the host until then. A paid extension is a fact, so it is never refused, even when it
   * promises more than the host has; usedOver shows that, for the caller to report.
   */
  moveRentalEnd(orderId: string, until: Date, at: Date): HostEvent[] {
    const hostId = this.state.id;
    const moving = (entry: { orderId: string; occupies: Interval }) => entry.orderId === orderId && entry.occupies.until?.getTime() !== until.getTime();
    const moved = <T extends { orderId: string; occupies: Interval }>(entries: readonly T[]) =>
      entries.map((entry) => (moving(entry) ? { ...entry, occupies: intervalOf(entry.occupies.from, until) } : entry));
    const reservationIds = this.state.holds.filter(moving).map((hold) => hold.reservationId);
    const machineIds = this.state.allocations.filter(moving).map((allocation) => allocation.machineId);
    if (reservationIds.length === 0 && machineIds.length === 0) return [];
    this.state = { ...this.state, holds: moved(this.state.holds), allocations: moved(this.state.allocations) };
    return [{ type: 'host.rental-end-moved', hostId, orderId, reservationIds, machineIds, until: copyDate(until), at: copyDate(at) }];
  }

  /** Drops every hold that has run out by `at` (a hold ends at its expiresAt) and returns them. */
  expireHolds(at: Date): { released: CapacityHold[]; events: HostEvent[] } {
    return this.dropExpired(at);
  }

  /**
   * The inventory's new size for the host. It may not fall below the most that live holds and
   * machines take at once from now on; holds that have run out are dropped in the same move. The
   * same size again changes nothing.
   */
  changeCapacity(total: Capacity, at: Date): Result<HostEvent[], CapacityChangeRejection> {
    const to = capacityOf(total);
    const hostId = this.state.id;
    if (this.state.status === 'retired') return err({ reason: 'host_retired', hostId });
    if (sameCapacity(to, this.state.total)) return ok([]);
    const inUse = this.usedOver(fromNowOn(at), at);
    if (!fitsWithin(inUse, to)) return err({ reason: 'capacity_below_use', hostId, requested: to, inUse });
    const expired = this.dropExpired(at);
    const from = this.state.total;
    this.state = { ...this.state, total: to };
    return ok([...expired.events, { type: 'host.capacity-changed', hostId, from: { ...from }, to: { ...to }, at: copyDate(at) }]);
  }

  /**
   * From `from` on the host takes no new holds and no machine moved in for a retry (no rental that
   * lasts until then); what it holds and runs stays. A new date replaces the one scheduled before (the inventory moved the
   * maintenance); the same date again changes nothing.
   */
  scheduleMaintenance(from: Date, at: Date): Result<HostEvent[], HostRetired> {
    const hostId = this.state.id;
    if (Number.isNaN(from.getTime())) throw new RangeError(`host ${hostId}: invalid maintenance start`);
    if (this.state.status === 'retired') return err({ reason: 'host_retired', hostId });
    if (this.state.status === 'maintenance' && (this.state.maintenanceFrom as Date).getTime() === from.getTime()) return ok([]);
    this.state = { ...this.state, status: 'maintenance', maintenanceFrom: copyDate(from) };
    return ok([{ type: 'host.maintenance-scheduled', hostId, from: copyDate(from), at: copyDate(at) }]);
  }

  /**
   * Out of service for good, only when nothing is held (a hold that has run out does not count
   * and is dropped) and no machine is on it. Retiring a retired host again changes nothing.
   */
  retire(at: Date): Result<HostEvent[], HostNotEmpty> {
    const from = this.state.status;
    const hostId = this.state.id;
    if (from === 'retired') return ok([]);
    const holds = liveHolds(this.state.holds, at).length;
    const allocations = this.state.allocations.length;
    if (holds > 0 || allocations > 0) return err({ reason: 'host_not_empty', hostId, holds, allocations });
    const expired = this.dropExpired(at);
    this.state = { ...this.state, status: 'retired' };
    return ok([...expired.events, { type: 'host.status-changed', hostId, from, to: 'retired', at: copyDate(at) }]);
  }

  private dropExpired(at: Date): { released: CapacityHold[]; events: HostEvent[] } {
    const released = this.state.holds.filter((hold) => !isLive(hold, at));
    if (released.length === 0) return { released: [], events: [] };
    this.state = { ...this.state, holds: liveHolds(this.state.holds, at) };
    return {
      released: released.map(copyHold),
      events: released.map((hold) => ({
        type: 'host.hold-expired',
        hostId: this.state.id,
        hold: copyHold(hold),
        at: copyDate(at),
      })),
    };
  }
}

function isLive(hold: CapacityHold, at: Date): boolean {
  return hold.expiresAt === null || hold.expiresAt.getTime() > at.getTime();
}

function liveHolds(holds: readonly CapacityHold[], at: Date): CapacityHold[] {
  return holds.filter((hold) => isLive(hold, at));
}

function checkedHold(hold: CapacityHold): CapacityHold {
  const resources = capacityOf(hold.resources);
  if (isZeroCapacity(resources)) throw new RangeError(`hold ${hold.reservationId}: resources must not be zero`);
  if (hold.expiresAt !== null && Number.isNaN(hold.expiresAt.getTime())) throw new RangeError(`hold ${hold.reservationId}: invalid expiresAt`);
  return { ...copyHold(hold), resources, occupies: intervalOf(hold.occupies.from, hold.occupies.until) };
}

/** Invariants of a stored or new host; a violation means a bug or corrupted data, so it throws. */
function checked(state: HostState): HostState {
  const where = `host ${state.id}`;
  if (state.id.length === 0) throw new RangeError('host: id must not be empty');
  if (state.locationCode.length === 0) throw new RangeError(`${where}: location code must not be empty`);
  if (!HOST_STATUSES.includes(state.status)) throw new RangeError(`${where}: unknown status ${String(state.status)}`);
  const total = capacityOf(state.total);
  const holds = state.holds.map(checkedHold);
  const allocations = state.allocations.map((allocation) => ({
    ...allocation,
    resources: capacityOf(allocation.resources),
    occupies: intervalOf(allocation.occupies.from, allocation.occupies.until),
  }));
  assertUnique(
    holds.map((hold) => hold.reservationId),
    `${where}: reservation`,
  );
  assertUnique(
    allocations.map((allocation) => allocation.machineId),
    `${where}: machine`,
  );
  // No check that the promises fit the total: a paid extension may overbook a host, and a stored
  // host that refused to load would stop every placement in its location.
  if (state.status === 'retired' && allocations.length > 0) throw new RangeError(`${where}: a retired host has allocations`);
  const maintenanceFrom = state.maintenanceFrom === null ? null : copyDate(state.maintenanceFrom);
  if (maintenanceFrom !== null && Number.isNaN(maintenanceFrom.getTime())) throw new RangeError(`${where}: invalid maintenance start`);
  if (state.status === 'maintenance' && maintenanceFrom === null) throw new RangeError(`${where}: maintenance without a start`);
  if (state.status === 'active' && maintenanceFrom !== null) throw new RangeError(`${where}: active with a maintenance start`);
  return { ...state, total, maintenanceFrom, holds, allocations };
}

function assertUnique(ids: readonly string[], what: string): void {
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate !== undefined) throw new RangeError(`${what} ${duplicate} appears twice`);
}

function copyInterval(interval: Interval): Interval {
  return { from: copyDate(interval.from), until: interval.until === null ? null : copyDate(interval.until) };
}

function copyHold(hold: CapacityHold): CapacityHold {
  return {
    ...hold,
    resources: { ...hold.resources },
    occupies: copyInterval(hold.occupies),
    expiresAt: hold.expiresAt === null ? null : copyDate(hold.expiresAt),
  };
}

function copyAllocation(allocation: Allocation): Allocation {
  return { ...allocation, resources: { ...allocation.resources }, occupies: copyInterval(allocation.occupies) };
}

function copyState(state: HostState): HostState {
  return {
    ...state,
    total: { ...state.total },
    maintenanceFrom: state.maintenanceFrom === null ? null : copyDate(state.maintenanceFrom),
    holds: state.holds.map(copyHold),
    allocations: state.allocations.map(copyAllocation),
  };
}
