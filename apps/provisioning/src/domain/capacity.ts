/**
 * A vector of machine resources. Hosts have one in total, holds and allocations take one, plans ask
 * for one. Every component is a whole, non-negative number, so sums and differences are exact.
 */
export interface Capacity {
  readonly vcpu: number;
  readonly memoryMb: number;
  readonly diskGb: number;
}

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

export function sumCapacity(parts: readonly Capacity[]): Capacity {
  return parts.reduce<Capacity>((total, part) => addCapacity(total, part), ZERO_CAPACITY);
}

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
