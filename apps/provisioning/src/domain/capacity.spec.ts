import {
  addCapacity,
  CAPACITY,
  capacityLeft,
  capacityOf,
  fitsWithin,
  formatCapacity,
  isCapacity,
  isZeroCapacity,
  maxCapacity,
  sameCapacity,
  scaleCapacity,
  subtractCapacity,
  ZERO_CAPACITY,
} from './capacity';

const cap = (vcpu: number, memoryMb: number, diskGb: number) => ({ vcpu, memoryMb, diskGb });

describe('capacityOf', () => {
  it('returns a plain copy of a valid vector', () => {
    const given = { ...cap(4, 8192, 80), extra: 'ignored' };
    const copy = capacityOf(given);
    expect(copy).toEqual(cap(4, 8192, 80));
    expect(copy).not.toBe(given);
  });

  it.each([
    ['a negative vcpu', cap(-1, 1, 1), 'vcpu'],
    ['fractional memory', cap(1, 1.5, 1), 'memoryMb'],
    ['NaN disk', cap(1, 1, Number.NaN), 'diskGb'],
    ['an unsafe integer', cap(2 ** 53, 1, 1), 'vcpu'],
  ])('throws on %s, naming the component', (_, value, component) => {
    expect(() => capacityOf(value)).toThrow(new RegExp(`^capacity: ${component} `));
  });
});

describe('isCapacity', () => {
  it.each([
    [cap(0, 0, 0), true],
    [cap(2, 2048, 20), true],
    [cap(2, -1, 20), false],
    [{ vcpu: 1, memoryMb: 1 }, false],
    [{ vcpu: '1', memoryMb: 1, diskGb: 1 }, false],
    [null, false],
    ['4/8192/80', false],
  ])('%j -> %s', (value, expected) => {
    expect(isCapacity(value)).toBe(expected);
  });
});

describe('arithmetic', () => {
  it('adds component by component', () => {
    expect(addCapacity(cap(1, 1024, 10), cap(2, 2048, 30))).toEqual(cap(3, 3072, 40));
  });

  it('subtracts component by component, down to zero', () => {
    expect(subtractCapacity(cap(8, 16384, 200), cap(2, 4096, 50))).toEqual(cap(6, 12288, 150));
    expect(subtractCapacity(cap(2, 4096, 50), cap(2, 4096, 50))).toEqual(ZERO_CAPACITY);
  });

  it('refuses to go below zero on any single component: that would be a bug', () => {
    expect(() => subtractCapacity(cap(8, 16384, 200), cap(2, 4096, 201))).toThrow(
      'capacity: cannot take 2 vCPU, 4096 MB memory, 201 GB disk from 8 vCPU, 16384 MB memory, 200 GB disk',
    );
  });

  it('scales by a whole multiple', () => {
    expect(scaleCapacity(cap(2, 4096, 40), 3)).toEqual(cap(6, 12288, 120));
    expect(scaleCapacity(cap(2, 4096, 40), 0)).toEqual(ZERO_CAPACITY);
    expect(() => scaleCapacity(cap(2, 4096, 40), 1.5)).toThrow(RangeError);
    expect(() => scaleCapacity(cap(2, 4096, 40), -1)).toThrow(RangeError);
  });

  it('leaves nothing, not less than nothing, on a component more is used of than there is', () => {
    expect(capacityLeft(cap(8, 16384, 200), cap(2, 4096, 50))).toEqual(cap(6, 12288, 150));
    expect(capacityLeft(cap(8, 16384, 200), cap(10, 4096, 250))).toEqual(cap(0, 12288, 0));
  });

  it('takes the larger of two component by component, as the peak of a calendar does', () => {
    expect(maxCapacity(cap(8, 1024, 10), cap(2, 4096, 10))).toEqual(cap(8, 4096, 10));
    expect(CAPACITY.max(CAPACITY.zero, cap(1, 2, 3))).toEqual(cap(1, 2, 3));
    expect(CAPACITY.add(cap(1, 2, 3), cap(1, 2, 3))).toEqual(cap(2, 4, 6));
  });
});

describe('fitsWithin', () => {
  it.each([
    ['equal vectors', cap(2, 4096, 40), cap(2, 4096, 40), true],
    ['smaller on every component', cap(1, 1024, 10), cap(2, 4096, 40), true],
    ['too many vCPUs', cap(3, 1024, 10), cap(2, 4096, 40), false],
    ['too much memory', cap(1, 4097, 10), cap(2, 4096, 40), false],
    ['too much disk', cap(1, 1024, 41), cap(2, 4096, 40), false],
    ['zero in zero', ZERO_CAPACITY, ZERO_CAPACITY, true],
  ])('%s', (_, requested, available, expected) => {
    expect(fitsWithin(requested, available)).toBe(expected);
  });
});

describe('comparisons and formatting', () => {
  it('tells zero and equal vectors apart', () => {
    expect(isZeroCapacity(ZERO_CAPACITY)).toBe(true);
    expect(isZeroCapacity(cap(0, 0, 1))).toBe(false);
    expect(sameCapacity(cap(1, 2, 3), cap(1, 2, 3))).toBe(true);
    expect(sameCapacity(cap(1, 2, 3), cap(1, 2, 4))).toBe(false);
  });

  it('formats for people', () => {
    expect(formatCapacity(cap(4, 8192, 80))).toBe('4 vCPU, 8192 MB memory, 80 GB disk');
  });

  it('ZERO_CAPACITY cannot be changed by accident', () => {
    expect(Object.isFrozen(ZERO_CAPACITY)).toBe(true);
  });
});
