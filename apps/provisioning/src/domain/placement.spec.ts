import type { Interval } from './calendar';
import type { Capacity } from './capacity';
import { Host, type HostStatus, type PlacementCandidate } from './host';
import { chooseRetryHost, type NoCapacity, placeMachines, type Placement, type PlacementRequest } from './placement';

const cap = (vcpu: number, memoryMb: number, diskGb: number): Capacity => ({ vcpu, memoryMb, diskGb });
const plan = cap(2, 4096, 40);

const host = (hostId: string, free: Capacity, status: HostStatus = 'active', locationCode = 'ams-1'): PlacementCandidate => ({
  hostId,
  locationCode,
  status,
  free,
});

const request = (override: Partial<PlacementRequest> = {}): PlacementRequest => ({
  locationCode: 'ams-1',
  resources: plan,
  quantity: 1,
  ...override,
});

function placed(candidates: PlacementCandidate[], override: Partial<PlacementRequest> = {}): Placement {
  const result = placeMachines(candidates, request(override));
  if (!result.ok) throw new Error(`expected a placement, got ${JSON.stringify(result.error)}`);
  return result.value;
}

function refused(candidates: PlacementCandidate[], override: Partial<PlacementRequest> = {}): NoCapacity {
  const result = placeMachines(candidates, request(override));
  if (result.ok) throw new Error(`expected no_capacity, got ${JSON.stringify(result.value)}`);
  return result.error;
}

describe('placeMachines: best fit', () => {
  it('picks the host left with the least free memory', () => {
    const hosts = [host('h-a', cap(16, 65536, 1000)), host('h-b', cap(4, 8192, 100)), host('h-c', cap(8, 16384, 500))];
    expect(placed(hosts)).toEqual({ assignments: [{ hostId: 'h-b', machines: 1, resources: plan }] });
  });

  it('judges the fit on memory even when other resources are tighter elsewhere', () => {
    const hosts = [host('h-a', cap(2, 16384, 40)), host('h-b', cap(32, 8192, 2000))];
    expect(placed(hosts).assignments[0].hostId).toBe('h-b');
  });

  it('breaks a tie by the lower host id, whatever the input order', () => {
    const hosts = [host('h-b', cap(4, 8192, 100)), host('h-a', cap(8, 8192, 500))];
    expect(placed(hosts).assignments[0].hostId).toBe('h-a');
    expect(placed([...hosts].reverse()).assignments[0].hostId).toBe('h-a');
  });

  it('skips a host that lacks any one resource', () => {
    const hosts = [host('h-a', cap(1, 4096, 40)), host('h-b', cap(2, 4096, 39)), host('h-c', cap(2, 65536, 40))];
    expect(placed(hosts).assignments[0].hostId).toBe('h-c');
  });

  it('uses only active hosts in the requested location', () => {
    const hosts = [host('h-a', plan, 'maintenance'), host('h-b', plan, 'retired'), host('h-c', plan, 'active', 'fra-1'), host('h-d', cap(64, 262144, 4000))];
    expect(placed(hosts).assignments[0].hostId).toBe('h-d');
  });
});

describe('placeMachines: several machines', () => {
  it('keeps them together while the tightest host has room', () => {
    const hosts = [host('h-a', cap(8, 16384, 160)), host('h-b', cap(64, 262144, 4000))];
    expect(placed(hosts, { quantity: 3 })).toEqual({
      assignments: [{ hostId: 'h-a', machines: 3, resources: cap(6, 12288, 120) }],
    });
  });

  it('spreads over hosts when one is not enough, each machine whole on one host', () => {
    const hosts = [host('h-a', cap(4, 8192, 80)), host('h-b', cap(3, 6144, 60)), host('h-c', cap(64, 262144, 4000))];
    expect(placed(hosts, { quantity: 4 })).toEqual({
      assignments: [
        { hostId: 'h-b', machines: 1, resources: plan },
        { hostId: 'h-a', machines: 2, resources: cap(4, 8192, 80) },
        { hostId: 'h-c', machines: 1, resources: plan },
      ],
    });
  });

  it('places all or nothing, saying how many would have fit', () => {
    const hosts = [host('h-a', cap(4, 8192, 80)), host('h-b', cap(3, 6144, 60))];
    expect(refused(hosts, { quantity: 4 })).toEqual({
      reason: 'no_capacity',
      detail: 'only 3 of 4 × (2 vCPU, 4096 MB memory, 40 GB disk) fit on the 2 eligible hosts in ams-1',
      requested: 4,
      placeable: 3,
    });
  });
});

describe('placeMachines: no capacity', () => {
  it('refuses when no host is eligible, and says so', () => {
    expect(refused([host('h-a', plan, 'maintenance')])).toEqual({
      reason: 'no_capacity',
      detail: 'no eligible host (active, not excluded) in ams-1 for 1 × (2 vCPU, 4096 MB memory, 40 GB disk)',
      requested: 1,
      placeable: 0,
    });
    expect(refused([]).placeable).toBe(0);
  });

  it('refuses when the only host is too small', () => {
    expect(refused([host('h-a', cap(2, 4095, 40))]).detail).toBe('only 0 of 1 × (2 vCPU, 4096 MB memory, 40 GB disk) fit on the 1 eligible host in ams-1');
  });
});

describe('placeMachines: excluding and avoiding hosts', () => {
  const hosts = [host('h-a', cap(4, 8192, 80)), host('h-b', cap(64, 262144, 4000))];

  it('never uses an excluded host', () => {
    expect(placed(hosts, { excludeHostIds: ['h-a'] }).assignments[0].hostId).toBe('h-b');
    expect(refused([host('h-a', plan)], { excludeHostIds: ['h-a'] }).reason).toBe('no_capacity');
  });

  it('goes elsewhere than an avoided host when it can', () => {
    expect(placed(hosts).assignments[0].hostId).toBe('h-a');
    expect(placed(hosts, { avoidHostIds: ['h-a'] }).assignments[0].hostId).toBe('h-b');
  });

  it('still uses an avoided host when nothing else has room, for only the machines that need it', () => {
    const tight = [host('h-a', cap(4, 8192, 80)), host('h-b', plan)];
    expect(placed([host('h-a', plan)], { avoidHostIds: ['h-a'] }).assignments[0].hostId).toBe('h-a');
    expect(placed(tight, { quantity: 2, avoidHostIds: ['h-a'] })).toEqual({
      assignments: [
        { hostId: 'h-b', machines: 1, resources: plan },
        { hostId: 'h-a', machines: 1, resources: plan },
      ],
    });
  });
});

describe('placeMachines: bugs upstream throw', () => {
  it.each([
    ['a quantity of 0', { quantity: 0 }],
    ['a fractional quantity', { quantity: 1.5 }],
    ['a machine that needs nothing', { resources: cap(0, 0, 0) }],
    ['a negative resource', { resources: cap(-1, 4096, 40) }],
  ])('%s', (_, override) => {
    expect(() => placeMachines([host('h-a', plan)], request(override))).toThrow(RangeError);
  });

  it('a host listed twice', () => {
    expect(() => placeMachines([host('h-a', plan), host('h-a', plan)], request())).toThrow('host h-a is listed twice');
  });
});

describe('chooseRetryHost', () => {
  const retry = { locationCode: 'ams-1', resources: plan };

  it('moves the machine to the best-fitting host it has not failed on', () => {
    const candidates = [host('h-1', cap(8, 16384, 100)), host('h-2', cap(8, 16384, 100)), host('h-3', cap(4, 8192, 100))];
    expect(chooseRetryHost(candidates, { ...retry, failedHostIds: ['h-1'] })).toBe('h-3');
    expect(chooseRetryHost(candidates, { ...retry, failedHostIds: ['h-1', 'h-3'] })).toBe('h-2');
  });

  it('keeps it where it is (null) when every other host is full, inactive or failed it already', () => {
    const candidates = [
      host('h-1', cap(0, 0, 0)),
      host('h-2', cap(1, 1024, 10)),
      host('h-3', cap(8, 16384, 100), 'maintenance'),
      host('h-4', cap(8, 16384, 100)),
      host('h-5', cap(8, 16384, 100), 'active', 'fra-1'),
    ];
    expect(chooseRetryHost(candidates, { ...retry, failedHostIds: ['h-1', 'h-4'] })).toBeNull();
  });
});

describe("placement over the hosts' calendars", () => {
  const t0 = new Date('2026-03-10T12:00:00.000Z');
  const day = (d: number) => new Date(Date.UTC(2026, 2, d, 12));
  const days = (from: number, until: number): Interval => ({ from: day(from), until: day(until) });
  /** Two hosts with room for one machine of the plan each: h-1 and h-2. */
  const hosts = () => ['h-1', 'h-2'].map((id) => Host.register({ id, locationCode: 'ams-1', total: plan }, t0).host);
  const fill = (target: Host, occupies: Interval, id: string) => {
    const held = target.placeHold({ reservationId: id, orderId: `ord-${id}`, resources: plan, occupies, expiresAt: null }, t0);
    if (!held.ok) throw new Error(`setup: ${JSON.stringify(held.error)}`);
  };
  const candidates = (all: Host[], within: Interval) => all.map((candidate) => candidate.placementCandidate(within, t0));

  it('refuses a rental next week when the hosts are free today but full from next week', () => {
    const all = hosts();
    all.forEach((target, index) => fill(target, days(17, 31), `next-week-${index}`));
    expect(placed(candidates(all, days(10, 17))).assignments[0].hostId).toBe('h-1');
    expect(refused(candidates(all, days(17, 24))).detail).toBe('only 0 of 1 × (2 vCPU, 4096 MB memory, 40 GB disk) fit on the 2 eligible hosts in ams-1');
    expect(refused(candidates(all, days(15, 18))).reason).toBe('no_capacity');
  });

  it('places a rental next month when the hosts are full today but free from next month', () => {
    const all = hosts();
    all.forEach((target, index) => fill(target, days(10, 31), `this-month-${index}`));
    expect(refused(candidates(all, days(10, 20))).reason).toBe('no_capacity');
    const nextMonth: Interval = { from: day(31), until: new Date(Date.UTC(2026, 3, 30, 12)) };
    expect(placed(candidates(all, nextMonth), { quantity: 2 }).assignments.map((a) => a.hostId)).toEqual(['h-1', 'h-2']);
  });

  it('puts back-to-back rentals on one host', () => {
    const all = hosts();
    fill(all[0], days(10, 20), 'first');
    expect(placed(candidates(all, days(20, 30))).assignments[0].hostId).toBe('h-1');
    expect(placed(candidates(all, days(19, 30))).assignments[0].hostId).toBe('h-2');
  });

  it('keeps a rental that lasts into a maintenance off that host, and one that is over before it on', () => {
    const all = hosts();
    if (!all[0].scheduleMaintenance(day(20), t0).ok) throw new Error('maintenance refused');
    expect(placed(candidates(all, days(10, 20))).assignments[0].hostId).toBe('h-1');
    expect(placed(candidates(all, days(15, 25))).assignments[0].hostId).toBe('h-2');
    fill(all[1], days(10, 31), 'elsewhere');
    expect(refused(candidates(all, days(25, 30))).detail).toBe('only 0 of 1 × (2 vCPU, 4096 MB memory, 40 GB disk) fit on the 1 eligible host in ams-1');
  });

  it('moves a retried machine only to a host that is free for the rest of its rental', () => {
    const all = [...hosts(), Host.register({ id: 'h-3', locationCode: 'ams-1', total: plan }, t0).host];
    fill(all[1], days(20, 31), 'later-on-h-2');
    const retry = { locationCode: 'ams-1', resources: plan, failedHostIds: ['h-1'] };
    expect(chooseRetryHost(candidates(all, days(10, 20)), retry)).toBe('h-2');
    expect(chooseRetryHost(candidates(all, days(10, 25)), retry)).toBe('h-3');
  });
});
