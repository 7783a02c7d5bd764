import { err, ok } from '@rental/result';
import type { StepFailure } from '../../domain/machine';
import type { DatacentreDriver, DriverFailure, DriverMachine, DriverOperation, DriverResult } from './datacentre-driver';

// The port is types only, so most of this file is checked by the compiler (npm test runs tsc on
// specs): a change to the port that breaks these uses fails the build, and the runtime checks
// below fail if a fake can no longer be driven through it.

const machine: DriverMachine = {
  machineId: '3f2a9c1e-7b4d-4e0a-9c61-0f5d2b8a7e33',
  orderId: 'ord-1',
  hostId: 'h-1',
  locationCode: 'ams-1',
  resources: { vcpu: 2, memoryMb: 4096, diskGb: 40 },
  imageCode: 'debian-13',
  ipAddress: '203.0.113.1',
  hostname: 'debian-3f2a9c1e.ams-1.rental.example',
};

/** A fake that records calls and fails the operations it is told to. */
function recordingDriver(failing: Partial<Record<DriverOperation, DriverFailure>> = {}) {
  const calls: string[] = [];
  const answer = (operation: DriverOperation): Promise<DriverResult> => {
    calls.push(operation);
    const failure = failing[operation];
    return Promise.resolve(failure === undefined ? ok({}) : err(failure));
  };
  const driver: DatacentreDriver = {
    allocate: () => answer('allocate'),
    installImage: (_machine, credentials) => {
      calls.push(`credentials:${credentials.kind}`);
      return answer('installImage');
    },
    boot: () => answer('boot'),
    stop: () => answer('stop'),
    wipe: () => answer('wipe'),
    destroy: () => answer('destroy'),
  };
  return { driver, calls };
}

describe('DatacentreDriver port', () => {
  it('has exactly the six operations, each async', async () => {
    const { driver, calls } = recordingDriver();
    const operations: DriverOperation[] = ['allocate', 'installImage', 'boot', 'stop', 'wipe', 'destroy'];
    expect(Object.keys(driver).sort()).toEqual([...operations].sort());
    expect(await driver.allocate(machine)).toEqual({ ok: true, value: {} });
    await driver.installImage(machine, { kind: 'ssh_key', publicKey: 'ssh-ed25519 AAAA' });
    await driver.boot(machine);
    await driver.stop(machine);
    await driver.wipe(machine);
    await driver.destroy(machine);
    expect(calls).toEqual(['allocate', 'credentials:ssh_key', 'installImage', 'boot', 'stop', 'wipe', 'destroy']);
  });

  it('reports a failure as a value the machine takes as it is', async () => {
    const { driver } = recordingDriver({ boot: { reason: 'timeout', retryable: true, detail: 'no answer in 120 s' } });
    const result = await driver.boot(machine);
    if (result.ok) throw new Error('expected a failure');
    const forTheMachine: StepFailure = result.error;
    expect(forTheMachine).toEqual({ reason: 'timeout', retryable: true, detail: 'no answer in 120 s' });
  });

  it('rejects at compile time what is not a driver or a result', () => {
    // @ts-expect-error a driver that cannot take a machine back is no driver
    const incomplete: DatacentreDriver = { allocate: async () => ok({}), installImage: async () => ok({}), boot: async () => ok({}) };
    // @ts-expect-error a failure must say whether retrying helps
    const vague: DriverResult = err({ reason: 'timeout' });
    // @ts-expect-error installImage needs the credentials to install
    const withoutCredentials = (driver: DatacentreDriver) => driver.installImage(machine);
    expect([incomplete, vague, withoutCredentials]).toHaveLength(3);
  });
});
