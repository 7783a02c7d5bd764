import type { Occupancy } from './calendar';
import { type Capacity, formatCapacity } from './capacity';
import { cidrsOverlap, formatCidr, parseCidr, usableCount } from './cidr';
import { Host, type RegisterHost } from './host';
import type { HostEvent } from './host-events';
import type { IpPool, IpPoolEvent } from './ip-pool';

/** Why provisioning refuses an event of the datacentre inventory (the reasons of inventory-change.rejected). */
export type InventoryRejectionReason =
  | 'invalid_event'
  | 'unknown_host'
  | 'unknown_location'
  | 'unknown_range'
  | 'host_exists'
  | 'range_exists'
  | 'range_overlaps'
  | 'capacity_below_use'
  | 'host_not_empty'
  | 'addresses_in_use'
  | 'host_retired';

/**
 * What to do with one inventory event and what to answer. Applied with no events is the same fact
 * told again (a republished event): a success that changes nothing. Rejected changes nothing.
 */
export type InventoryDecision<E> =
  | { readonly outcome: 'applied'; readonly events: readonly E[]; readonly detail: string }
  | { readonly outcome: 'rejected'; readonly reason: InventoryRejectionReason; readonly detail: string };

/**
 * No host comes near 2^31 − 1 vCPUs, MB or GB; a number beyond is the sender's mistake (and more
 * than a host's stored capacity can hold), refused like a message that breaks its contract.
 */
export const MAX_HOST_RESOURCE = 2_147_483_647;

/** A range as the inventory gave it: removed ones are remembered, so their ids stay theirs. */
export interface KnownRange {
  readonly id: string;
  readonly locationCode: string;
  readonly cidr: string;
  readonly removedAt: Date | null;
}

export interface RangeToAdd {
  readonly rangeId: string;
  readonly locationCode: string;
  readonly cidr: string;
}

export interface RangeContext {
  /** The range the inventory already gave this id, if any. */
  readonly sameId: KnownRange | null;
  /** Every range still in a pool, in any location: an address belongs to one pool only. */
  readonly live: readonly KnownRange[];
  /** Hosts of the location that are not retired. */
  readonly hostsInService: number;
}

/** A range to take out of its pool, with the pool and the addresses its location's rentals need. */
export interface RangeRemoval {
  readonly range: KnownRange;
  /** The pool of the range's location; unused when the range is already removed. */
  readonly pool: IpPool;
  /** One address per machine of every rental in the location, running or held for, over its time. */
  readonly addressNeeds: readonly Occupancy<number>[];
}

/** host.registered: a new host, the same host again (nothing to do), or a clash with what the id already is. */
export function registerHost(existing: Host | null, input: RegisterHost, at: Date): InventoryDecision<HostEvent> {
  const tooLarge = oversized(input.id, input.total);
  if (tooLarge !== null) return tooLarge;
  const described = `${input.locationCode} with ${formatCapacity(input.total)}`;
  if (existing === null) {
    return applied(Host.register(input, at).events, `host ${input.id} registered in ${described}`);
  }
  const current = existing.snapshot();
  if (current.status === 'retired') return rejected('host_retired', `host ${input.id} is retired and cannot be registered again`);
  if (!existing.isRegisteredAs(input)) {
    return rejected(
      'host_exists',
      `host ${input.id} is already registered in ${current.locationCode} with ${formatCapacity(current.total)}, not in ${described}`,
    );
  }
  return applied([], `host ${input.id} is already registered in ${described}: nothing changed`);
}

/** host.capacity.changed: never below what the host holds or runs. */
export function changeHostCapacity(host: Host | null, hostId: string, total: Capacity, at: Date): InventoryDecision<HostEvent> {
  const tooLarge = oversized(hostId, total);
  if (tooLarge !== null) return tooLarge;
  if (host === null) return unknownHost(hostId);
  const before = host.snapshot().total;
  const changed = host.changeCapacity(total, at);
  if (!changed.ok) {
    const refusal = changed.error;
    if (refusal.reason === 'host_retired') return retired(hostId);
    return rejected('capacity_below_use', `host ${hostId} holds or runs ${formatCapacity(refusal.inUse)}, more than ${formatCapacity(refusal.requested)}`);
  }
  if (changed.value.length === 0) return applied([], `host ${hostId} already has ${formatCapacity(total)}: nothing changed`);
  return applied(changed.value, `host ${hostId}: ${formatCapacity(before)} → ${formatCapacity(total)}`);
}

/** host.maintenance.scheduled: no new placements from `from` on; what runs stays. */
export function scheduleHostMaintenance(host: Host | null, hostId: string, from: Date, reason: string | undefined, at: Date): InventoryDecision<HostEvent> {
  if (host === null) return unknownHost(hostId);
  const scheduled = host.scheduleMaintenance(from, at);
  if (!scheduled.ok) return retired(hostId);
  const when = from.toISOString();
  if (scheduled.value.length === 0) return applied([], `host ${hostId} is already in maintenance from ${when}: nothing changed`);
  const machines = host.snapshot().allocations.length;
  const why = reason === undefined ? '' : ` (${reason})`;
  return applied(
    scheduled.value,
    `host ${hostId} takes no new machines from ${when}${why}; ${count(machines, 'machine')} on it keep${machines === 1 ? 's' : ''} running`,
  );
}

/** host.retired: only an empty host. */
export function retireHost(host: Host | null, hostId: string, at: Date): InventoryDecision<HostEvent> {
  if (host === null) return unknownHost(hostId);
  const retiring = host.retire(at);
  if (!retiring.ok) {
    const { allocations, holds } = retiring.error;
    return rejected(
      'host_not_empty',
      `host ${hostId} runs ${count(allocations, 'machine')} and holds capacity for ${count(holds, 'order')} not yet provisioned`,
    );
  }
  if (retiring.value.length === 0) return applied([], `host ${hostId} is already retired: nothing changed`);
  return applied(retiring.value, `host ${hostId} retired`);
}

/**
 * ip-range.added: a new range joins its location's pool, if no live range of any location shares
 * an address with it and the location has a host to use it. The same range again is nothing to do.
 */
export function addIpRange(input: RangeToAdd, context: RangeContext, pool: IpPool, at: Date): InventoryDecision<IpPoolEvent> {
  if (pool.locationCode !== input.locationCode) {
    throw new RangeError(`ip-range.added for ${input.locationCode} given the pool of ${pool.locationCode}`);
  }
  const parsed = parseCidr(input.cidr);
  if (!parsed.ok) return rejected('invalid_event', `${input.cidr} is not a range: ${parsed.error.detail}`);
  const cidr = formatCidr(parsed.value);
  const { sameId } = context;
  if (sameId !== null) {
    if (sameId.removedAt !== null) {
      return rejected(
        'range_exists',
        `range ${sameId.id} (${sameId.cidr} in ${sameId.locationCode}) was removed at ${sameId.removedAt.toISOString()}; ` +
          'a range added again needs a new id',
      );
    }
    if (sameId.locationCode === input.locationCode && sameId.cidr === cidr) {
      return applied([], `range ${input.rangeId} (${cidr}) is already in the pool of ${input.locationCode}: nothing changed`);
    }
    return rejected('range_exists', `range ${sameId.id} is already ${sameId.cidr} in ${sameId.locationCode}`);
  }
  const twin = context.live.find((range) => range.cidr === cidr);
  if (twin !== undefined) return rejected('range_exists', `${cidr} is already in the pool of ${twin.locationCode} as range ${twin.id}`);
  const clash = context.live.find((range) => {
    const other = parseCidr(range.cidr);
    return other.ok && cidrsOverlap(other.value, parsed.value);
  });
  if (clash !== undefined) {
    return rejected('range_overlaps', `${cidr} overlaps ${clash.cidr} (range ${clash.id} in ${clash.locationCode})`);
  }
  if (context.hostsInService === 0) {
    return rejected('unknown_location', `no host in service in ${input.locationCode}: register one before its addresses`);
  }
  const added = pool.addRange(input.rangeId, cidr, at);
  // Every live range was checked above, this pool's included.
  if (!added.ok) throw new Error(`pool ${input.locationCode} refused ${cidr}: ${JSON.stringify(added.error)}`);
  return applied(added.value, `range ${input.rangeId}: ${cidr} joins the pool of ${input.locationCode} (${usableCount(parsed.value)} usable addresses)`);
}

/** ip-range.removed: only while no machine has one of its addresses and the rentals to come can do without it. */
export function removeIpRange(rangeId: string, removal: RangeRemoval | null, at: Date): InventoryDecision<IpPoolEvent> {
  if (removal === null) return rejected('unknown_range', `no range ${rangeId}`);
  const { range, pool, addressNeeds } = removal;
  if (range.removedAt !== null) return applied([], `range ${rangeId} (${range.cidr}) is already removed: nothing changed`);
  const removed = pool.removeRange(rangeId, range.cidr, addressNeeds, at);
  if (!removed.ok) {
    const refusal = removed.error;
    const detail =
      refusal.reason === 'addresses_allocated'
        ? `${count(refusal.machines, 'machine')} ${refusal.machines === 1 ? 'has an address' : 'have addresses'} in ${refusal.range}`
        : `rentals in ${range.locationCode} need up to ${count(refusal.needed, 'address', 'addresses')} at once; ` +
          `without ${refusal.range} the pool would have ${refusal.sizeAfter}`;
    return rejected('addresses_in_use', detail);
  }
  return applied(removed.value, `range ${rangeId}: ${range.cidr} left the pool of ${range.locationCode}`);
}

function oversized(hostId: string, total: Capacity): InventoryDecision<never> | null {
  const too = (['vcpu', 'memoryMb', 'diskGb'] as const).find((key) => total[key] > MAX_HOST_RESOURCE);
  if (too === undefined) return null;
  return rejected('invalid_event', `host ${hostId}: ${too} ${total[too]} is more than ${MAX_HOST_RESOURCE}`);
}

function unknownHost(hostId: string): InventoryDecision<never> {
  return rejected('unknown_host', `no host ${hostId}`);
}

function retired(hostId: string): InventoryDecision<never> {
  return rejected('host_retired', `host ${hostId} is retired`);
}

function applied<E>(events: readonly E[], detail: string): InventoryDecision<E> {
  return { outcome: 'applied', events, detail };
}

function rejected(reason: InventoryRejectionReason, detail: string): InventoryDecision<never> {
  return { outcome: 'rejected', reason, detail };
}

function count(n: number, what: string, plural = `${what}s`): string {
  return `${n} ${n === 1 ? what : plural}`;
}
