import { copyDate } from '@rental/clock';
import { err, ok, type Result } from '@rental/result';
import { COUNT, fromNowOn, type Interval, type Occupancy, peakUse } from './calendar';
import { type Cidr, cidrsOverlap, formatCidr, type InvalidCidr, isUsableAddress, parseCidr, usableCount, usableRange } from './cidr';
import { formatIpv4, parseIpv4 } from './ipv4-address';

export interface AddressAllocation {
  readonly address: string;
  readonly machineId: string;
}

/** What a repository stores: ranges in CIDR notation, allocations by address. */
export interface IpPoolState {
  readonly locationCode: string;
  readonly ranges: readonly string[];
  readonly allocations: readonly AddressAllocation[];
}

// Domain events: facts inside the provisioning service, not Kafka contracts.
export interface IpPoolCreated {
  readonly type: 'ip-pool.created';
  readonly locationCode: string;
  readonly ranges: readonly string[];
  readonly at: Date;
}

export interface IpRangeAdded {
  readonly type: 'ip-pool.range-added';
  readonly locationCode: string;
  /** The inventory's id for the range. */
  readonly rangeId: string;
  readonly range: string;
  readonly at: Date;
}

export interface IpRangeRemoved {
  readonly type: 'ip-pool.range-removed';
  readonly locationCode: string;
  readonly rangeId: string;
  readonly range: string;
  readonly at: Date;
}

export interface AddressAllocated {
  readonly type: 'ip-pool.address-allocated';
  readonly locationCode: string;
  readonly machineId: string;
  readonly address: string;
  readonly at: Date;
}

export interface AddressReleased {
  readonly type: 'ip-pool.address-released';
  readonly locationCode: string;
  readonly machineId: string;
  readonly address: string;
  readonly at: Date;
}

export type IpPoolEvent = IpPoolCreated | IpRangeAdded | IpRangeRemoved | AddressAllocated | AddressReleased;

export type RangeRejection = InvalidCidr | { readonly reason: 'overlapping_ranges'; readonly range: string; readonly overlaps: string };

/** A range cannot leave while a machine has one of its addresses, or while the rentals to come need it. */
export type RangeRemovalRejection =
  | { readonly reason: 'addresses_allocated'; readonly range: string; readonly machines: number }
  | { readonly reason: 'addresses_promised'; readonly range: string; readonly needed: number; readonly sizeAfter: number };

export interface PoolExhausted {
  readonly reason: 'pool_exhausted';
  readonly locationCode: string;
}

export interface AddressNotAllocated {
  readonly reason: 'address_not_allocated';
  readonly locationCode: string;
  readonly machineId: string;
}

interface PoolState {
  readonly locationCode: string;
  /** Sorted by network address, so scanning them in order finds the lowest free address. */
  readonly ranges: readonly Cidr[];
  /** Address (as a number) to machine id. */
  readonly allocations: ReadonlyMap<number, string>;
}

/**
 * The public IPv4 addresses of one location. A machine gets the lowest free usable address; a
 * released address is free again at once. Each machine needs one for as long as it exists, so
 * whether a rental to come can have addresses is a calendar question (freeOver): the machines of
 * other rentals, running or held for, over time.
 */
export class IpPool {
  private constructor(private state: PoolState) {}

  /** Ranges come from operations staff, so a bad one is an answer, not an exception. */
  static create(locationCode: string, ranges: readonly string[], at: Date): Result<{ pool: IpPool; events: IpPoolEvent[] }, RangeRejection> {
    if (locationCode.length === 0) throw new RangeError('ip pool: location code must not be empty');
    const parsed = parseRanges(ranges);
    if (!parsed.ok) return parsed;
    const pool = new IpPool({ locationCode, ranges: parsed.value, allocations: new Map() });
    const event: IpPoolCreated = {
      type: 'ip-pool.created',
      locationCode,
      ranges: parsed.value.map(formatCidr),
      at: copyDate(at),
    };
    return ok({ pool, events: [event] });
  }

  /** Rebuilds a pool from what a repository stored; corrupted data throws. */
  static restore(stored: IpPoolState): IpPool {
    const where = `ip pool ${stored.locationCode}`;
    if (stored.locationCode.length === 0) throw new RangeError('ip pool: location code must not be empty');
    const parsed = parseRanges(stored.ranges);
    if (!parsed.ok) throw new RangeError(`${where}: ${JSON.stringify(parsed.error)}`);
    const allocations = new Map<number, string>();
    const machines = new Set<string>();
    for (const { address, machineId } of stored.allocations) {
      const value = parseIpv4(address);
      if (!value.ok) throw new RangeError(`${where}: ${value.error.detail} (${address})`);
      if (!parsed.value.some((range) => isUsableAddress(range, value.value))) {
        throw new RangeError(`${where}: ${address} is not a usable address of the pool`);
      }
      if (allocations.has(value.value)) throw new RangeError(`${where}: ${address} is allocated twice`);
      if (machines.has(machineId)) throw new RangeError(`${where}: machine ${machineId} has two addresses`);
      allocations.set(value.value, machineId);
      machines.add(machineId);
    }
    return new IpPool({ locationCode: stored.locationCode, ranges: parsed.value, allocations });
  }

  get locationCode(): string {
    return this.state.locationCode;
  }

  snapshot(): IpPoolState {
    return {
      locationCode: this.state.locationCode,
      ranges: this.state.ranges.map(formatCidr),
      allocations: [...this.state.allocations].sort(([a], [b]) => a - b).map(([address, machineId]) => ({ address: formatIpv4(address), machineId })),
    };
  }

  addressOf(machineId: string): string | undefined {
    const found = [...this.state.allocations].find(([, owner]) => owner === machineId);
    return found === undefined ? undefined : formatIpv4(found[0]);
  }

  /** Usable addresses in all of its ranges, given to a machine or not. */
  size(): number {
    return this.state.ranges.reduce((sum, range) => sum + usableCount(range), 0);
  }

  /**
   * How many more machines could have an address during the whole of `within`, given `needs`: one
   * address per machine of every rental in the location (running, or held for) over its time.
   */
  freeOver(within: Interval, needs: readonly Occupancy<number>[], at: Date): number {
    return Math.max(this.size() - peakUse(needs, within, at, COUNT), 0);
  }

  addRange(rangeId: string, range: string, at: Date): Result<IpPoolEvent[], RangeRejection> {
    const parsed = parseCidr(range);
    if (!parsed.ok) return parsed;
    const clash = this.state.ranges.find((existing) => cidrsOverlap(existing, parsed.value));
    if (clash !== undefined) return err({ reason: 'overlapping_ranges', range, overlaps: formatCidr(clash) });
    const ranges = [...this.state.ranges, parsed.value].sort((a, b) => a.network - b.network);
    this.state = { ...this.state, ranges };
    const added = formatCidr(parsed.value);
    return ok([{ type: 'ip-pool.range-added', locationCode: this.state.locationCode, rangeId, range: added, at: copyDate(at) }]);
  }

  /**
   * Takes a range out of the pool, if what is left still has an address for every machine the
   * location's rentals (`needs`, as for freeOver) need at once from now on.
   */
  removeRange(rangeId: string, range: string, needs: readonly Occupancy<number>[], at: Date): Result<IpPoolEvent[], RangeRemovalRejection> {
    const { locationCode } = this.state;
    const parsed = parseCidr(range);
    const index = parsed.ok ? this.state.ranges.findIndex((existing) => sameCidr(existing, parsed.value)) : -1;
    if (!parsed.ok || index < 0) throw new RangeError(`ip pool ${locationCode}: ${range} is not one of its ranges`);
    const cidr = parsed.value;
    const machines = [...this.state.allocations.keys()].filter((address) => isUsableAddress(cidr, address)).length;
    if (machines > 0) return err({ reason: 'addresses_allocated', range: formatCidr(cidr), machines });
    const sizeAfter = this.size() - usableCount(cidr);
    const needed = peakUse(needs, fromNowOn(at), at, COUNT);
    if (sizeAfter < needed) return err({ reason: 'addresses_promised', range: formatCidr(cidr), needed, sizeAfter });
    this.state = { ...this.state, ranges: this.state.ranges.filter((_, position) => position !== index) };
    return ok([{ type: 'ip-pool.range-removed', locationCode, rangeId, range: formatCidr(cidr), at: copyDate(at) }]);
  }

  /**
   * Gives the machine the lowest free address. A machine that already has one gets the same one
   * again with no events, so a redelivered command does not take a second address.
   */
  allocate(machineId: string, at: Date): Result<{ address: string; events: IpPoolEvent[] }, PoolExhausted> {
    const existing = this.addressOf(machineId);
    if (existing !== undefined) return ok({ address: existing, events: [] });
    const free = this.lowestFree();
    if (free === undefined) return err({ reason: 'pool_exhausted', locationCode: this.state.locationCode });
    const allocations = new Map(this.state.allocations).set(free, machineId);
    this.state = { ...this.state, allocations };
    const address = formatIpv4(free);
    const event: AddressAllocated = {
      type: 'ip-pool.address-allocated',
      locationCode: this.state.locationCode,
      machineId,
      address,
      at: copyDate(at),
    };
    return ok({ address, events: [event] });
  }

  release(machineId: string, at: Date): Result<IpPoolEvent[], AddressNotAllocated> {
    const found = [...this.state.allocations].find(([, owner]) => owner === machineId);
    const { locationCode } = this.state;
    if (found === undefined) return err({ reason: 'address_not_allocated', locationCode, machineId });
    const allocations = new Map(this.state.allocations);
    allocations.delete(found[0]);
    this.state = { ...this.state, allocations };
    return ok([
      {
        type: 'ip-pool.address-released',
        locationCode: this.state.locationCode,
        machineId,
        address: formatIpv4(found[0]),
        at: copyDate(at),
      },
    ]);
  }

  private lowestFree(): number | undefined {
    const taken = [...this.state.allocations.keys()];
    for (const range of this.state.ranges) {
      const { first, last } = usableRange(range);
      // A full range is skipped without a scan; otherwise the scan stops within (taken + 1) steps.
      if (taken.filter((address) => address >= first && address <= last).length === usableCount(range)) continue;
      for (let address = first; address <= last; address += 1) {
        if (!this.state.allocations.has(address)) return address;
      }
    }
    return undefined;
  }
}

function parseRanges(ranges: readonly string[]): Result<Cidr[], RangeRejection> {
  const parsed: Cidr[] = [];
  for (const text of ranges) {
    const cidr = parseCidr(text);
    if (!cidr.ok) return cidr;
    const clash = parsed.find((other) => cidrsOverlap(other, cidr.value));
    if (clash !== undefined) return err({ reason: 'overlapping_ranges', range: text, overlaps: formatCidr(clash) });
    parsed.push(cidr.value);
  }
  return ok(parsed.sort((a, b) => a.network - b.network));
}

function sameCidr(a: Cidr, b: Cidr): boolean {
  return a.network === b.network && a.prefixLength === b.prefixLength;
}
