import type { Capacity } from './capacity';
import { Host, type HostStatus, type PlacementCandidate } from './host';
import { chooseRetryHost, type NoCapacity, type Placement, placeMachines, type PlacementRequest } from './placement';

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
    const hosts = [
      host('h-a', plan, 'maintenance'),
      host('h-b', plan, 'retired'),
      host('h-c', plan, 'active', 'fra-1'),
      host('h-d', cap(64, 262144, 4000)),
    ];
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
    expect(refused([host('h-a', cap(2, 4095, 40))]).detail).toBe(
      'only 0 of 1 × (2 vCPU, 4096 MB memory, 40 GB disk) fit on the 1 eligible host in ams-1',
    );
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

describe('placement around a scheduled maintenance', () => {
  const t0 = new Date('2026-03-10T12:00:00.000Z');
  const from = new Date('2026-03-10T13:00:00.000Z');
  const hosts = () => {
    const tight = Host.register({ id: 'h-1', locationCode: 'ams-1', total: cap(8, 16384, 100) }, t0).host;
    const roomy = Host.register({ id: 'h-2', locationCode: 'ams-1', total: cap(64, 262144, 4000) }, t0).host;
    if (!tight.scheduleMaintenance(from, t0).ok) throw new Error('maintenance refused');
    return [tight, roomy];
  };

  it('uses the host until its maintenance starts, then places new machines and retries elsewhere', () => {
    const before = hosts().map((candidate) => candidate.placementCandidate(t0));
    expect(placed(before).assignments[0].hostId).toBe('h-1');
    expect(chooseRetryHost(before, { locationCode: 'ams-1', resources: plan, failedHostIds: ['h-2'] })).toBe('h-1');

    const after = hosts().map((candidate) => candidate.placementCandidate(from));
    expect(placed(after).assignments[0].hostId).toBe('h-2');
    expect(chooseRetryHost(after, { locationCode: 'ams-1', resources: plan, failedHostIds: ['h-2'] })).toBeNull();
    expect(refused(after.slice(0, 1)).detail).toBe('no eligible host (active, not excluded) in ams-1 for 1 × (2 vCPU, 4096 MB memory, 40 GB disk)');
  });
});
