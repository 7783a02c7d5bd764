/**
 * A vector of machine resources. Hosts have one in total, holds and allocations take one, plans ask
 * for one. Every component is a whole, non-negative number, so sums and differences are exact.
 */
export interface Capacity {
  readonly vcpu: number;
  readonly memoryMb: number;
  readonly diskGb: number;
}

import type { Measure } from './calendar';

const COMPONENTS = ['vcpu', 'memoryMb', 'diskGb'] as const;

export const ZERO_CAPACITY: Capacity = Object.freeze({ vcpu: 0, memoryMb: 0, diskGb: 0 });

export function isCapacity(value: unknown): value is Capacity {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return COMPONENTS.every((key) => {
    const component = record[key];
    return typeof component === 'number' && Number.isSafeInteger(component) && component >= 0;
  });
}

/** A validated copy. Resources come from the catalogue or the inventory, so a bad one is a bug and throws. */
export function capacityOf(value: Capacity): Capacity {
  for (const key of COMPONENTS) {
    const component = value[key];
    if (!Number.isSafeInteger(component) || component < 0) {
      throw new RangeError(`capacity: ${key} must be a whole number of at least 0 (got ${component})`);
    }
  }
  return { vcpu: value.vcpu, memoryMb: value.memoryMb, diskGb: value.diskGb };
}

export function addCapacity(a: Capacity, b: Capacity): Capacity {
  return capacityOf({ vcpu: a.vcpu + b.vcpu, memoryMb: a.memoryMb + b.memoryMb, diskGb: a.diskGb + b.diskGb });
}

/**
 * `from` minus `amount`. Taking more than is there is a bug (callers ask `fitsWithin` first), so it
 * throws rather than return a negative vector that would silently look like free capacity.
 */
export function subtractCapacity(from: Capacity, amount: Capacity): Capacity {
  if (!fitsWithin(amount, from)) {
    throw new RangeError(`capacity: cannot take ${formatCapacity(amount)} from ${formatCapacity(from)}`);
  }
  return capacityOf({
    vcpu: from.vcpu - amount.vcpu,
    memoryMb: from.memoryMb - amount.memoryMb,
    diskGb: from.diskGb - amount.diskGb,
  });
}

/**
 * What `total` has left once `used` is taken, nothing on a component `used` exceeds. Unlike
 * subtractCapacity this is not a bug: a paid extension may have promised a host more than it has.
 */
export function capacityLeft(total: Capacity, used: Capacity): Capacity {
  return capacityOf({
    vcpu: Math.max(total.vcpu - used.vcpu, 0),
    memoryMb: Math.max(total.memoryMb - used.memoryMb, 0),
    diskGb: Math.max(total.diskGb - used.diskGb, 0),
  });
}

/** Whether `requested` fits in `available` on every component. */
export function fitsWithin(requested: Capacity, available: Capacity): boolean {
  return COMPONENTS.every((key) => requested[key] <= available[key]);
}

export function scaleCapacity(unit: Capacity, times: number): Capacity {
  if (!Number.isSafeInteger(times) || times < 0) {
    throw new RangeError(`capacity: a multiple must be a whole number of at least 0 (got ${times})`);
  }
  return capacityOf({ vcpu: unit.vcpu * times, memoryMb: unit.memoryMb * times, diskGb: unit.diskGb * times });
}

/** Component by component, the larger of the two: the peak of a calendar is found moment by moment. */
export function maxCapacity(a: Capacity, b: Capacity): Capacity {
  return capacityOf({
    vcpu: Math.max(a.vcpu, b.vcpu),
    memoryMb: Math.max(a.memoryMb, b.memoryMb),
    diskGb: Math.max(a.diskGb, b.diskGb),
  });
}

/**
 * Capacity in a calendar. A request fits beside the component-wise peak exactly when it fits
 * beside what is used at every single moment, so that peak is all placement needs.
 */
export const CAPACITY: Measure<Capacity> = { zero: ZERO_CAPACITY, add: addCapacity, max: maxCapacity };

export function isZeroCapacity(value: Capacity): boolean {
  return COMPONENTS.every((key) => value[key] === 0);
}

export function sameCapacity(a: Capacity, b: Capacity): boolean {
  return COMPONENTS.every((key) => a[key] === b[key]);
}

/** For refusal details and logs: `4 vCPU, 8192 MB memory, 80 GB disk`. */
export function formatCapacity(value: Capacity): string {
  return `${value.vcpu} vCPU, ${value.memoryMb} MB memory, ${value.diskGb} GB disk`;
}
