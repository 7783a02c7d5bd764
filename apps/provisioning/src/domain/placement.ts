import { err, ok, type Result } from '@rental/result';
import { type Capacity, capacityOf, fitsWithin, formatCapacity, isZeroCapacity, scaleCapacity, subtractCapacity } from './capacity';
import type { PlacementCandidate } from './host';

export interface PlacementRequest {
  readonly locationCode: string;
  /** What one machine needs. */
  readonly resources: Capacity;
  readonly quantity: number;
  /** Never used, e.g. a host the inventory has flagged. */
  readonly excludeHostIds?: readonly string[];
  /**
   * Used only for machines that fit nowhere else, e.g. the host a failed attempt ran on: a retry
   * goes elsewhere when it can and still succeeds when that host is the only one with room.
   */
  readonly avoidHostIds?: readonly string[];
}

/** The machines one host takes; `resources` is their total, the size of the hold to place. */
export interface HostAssignment {
  readonly hostId: string;
  readonly machines: number;
  readonly resources: Capacity;
}

export interface Placement {
  /** In the order the hosts were first chosen. */
  readonly assignments: readonly HostAssignment[];
}

export interface NoCapacity {
  readonly reason: 'no_capacity';
  readonly detail: string;
  readonly requested: number;
  /** How many of the requested machines would have fit: all or nothing, so fewer than requested. */
  readonly placeable: number;
}

/**
 * Chooses hosts for `quantity` machines of the same size, each machine whole on one host, from
 * candidates that say what each host has free over the time the machines will exist. Every
 * machine goes, in turn, to the active host in the location that is left with the least free
 * memory after taking it (best fit, ties to the lower host id), so large gaps stay open for large
 * plans. All machines are placed or none is.
 */
export function placeMachines(candidates: readonly PlacementCandidate[], request: PlacementRequest): Result<Placement, NoCapacity> {
  const resources = capacityOf(request.resources);
  if (isZeroCapacity(resources)) throw new RangeError('placement: a machine must need some resources');
  if (!Number.isSafeInteger(request.quantity) || request.quantity < 1) {
    throw new RangeError(`placement: quantity must be a whole number of at least 1 (got ${request.quantity})`);
  }
  assertUniqueHosts(candidates);
  const excluded = new Set(request.excludeHostIds ?? []);
  const avoided = new Set(request.avoidHostIds ?? []);
  const free = new Map<string, Capacity>(
    candidates
      .filter((host) => host.locationCode === request.locationCode && host.status === 'active' && !excluded.has(host.hostId))
      .map((host) => [host.hostId, capacityOf(host.free)]),
  );
  const preferred = [...free.keys()].filter((hostId) => !avoided.has(hostId));
  const fallback = [...free.keys()].filter((hostId) => avoided.has(hostId));

  const machinesPerHost = new Map<string, number>();
  for (let placed = 0; placed < request.quantity; placed += 1) {
    const hostId = bestFit(preferred, free, resources) ?? bestFit(fallback, free, resources);
    if (hostId === undefined) return err(noCapacity(request, resources, placed, free.size));
    free.set(hostId, subtractCapacity(free.get(hostId) as Capacity, resources));
    machinesPerHost.set(hostId, (machinesPerHost.get(hostId) ?? 0) + 1);
  }
  return ok({
    assignments: [...machinesPerHost].map(([hostId, machines]) => ({
      hostId,
      machines,
      resources: scaleCapacity(resources, machines),
    })),
  });
}

export interface RetryPlacementRequest {
  readonly locationCode: string;
  readonly resources: Capacity;
  /** Hosts where an attempt of this machine already failed, the current one included. */
  readonly failedHostIds: readonly string[];
}

/**
 * Where a machine's next attempt should run after a failed one: the best-fitting active host of
 * the location on which it has not failed yet, or null to try the same host again when no other
 * host has the room. `candidates` are as free as they are over the rest of the machine's rental.
 */
export function chooseRetryHost(candidates: readonly PlacementCandidate[], request: RetryPlacementRequest): string | null {
  const placement = placeMachines(candidates, {
    locationCode: request.locationCode,
    resources: request.resources,
    quantity: 1,
    excludeHostIds: request.failedHostIds,
  });
  return placement.ok ? placement.value.assignments[0].hostId : null;
}

function bestFit(hostIds: readonly string[], free: ReadonlyMap<string, Capacity>, resources: Capacity): string | undefined {
  let best: { hostId: string; memoryLeft: number } | undefined;
  for (const hostId of hostIds) {
    const available = free.get(hostId) as Capacity;
    if (!fitsWithin(resources, available)) continue;
    const memoryLeft = available.memoryMb - resources.memoryMb;
    const better = best === undefined || memoryLeft < best.memoryLeft || (memoryLeft === best.memoryLeft && hostId < best.hostId);
    if (better) best = { hostId, memoryLeft };
  }
  return best?.hostId;
}

function noCapacity(request: PlacementRequest, resources: Capacity, placeable: number, activeHosts: number): NoCapacity {
  const what = `${request.quantity} × (${formatCapacity(resources)})`;
  const detail =
    activeHosts === 0
      ? `no eligible host (active, not excluded) in ${request.locationCode} for ${what}`
      : `only ${placeable} of ${what} fit on the ${activeHosts} eligible host${activeHosts === 1 ? '' : 's'} ` + `in ${request.locationCode}`;
  return { reason: 'no_capacity', detail, requested: request.quantity, placeable };
}

function assertUniqueHosts(candidates: readonly PlacementCandidate[]): void {
  const seen = new Set<string>();
  for (const { hostId } of candidates) {
    if (seen.has(hostId)) throw new RangeError(`placement: host ${hostId} is listed twice`);
    seen.add(hostId);
  }
}
