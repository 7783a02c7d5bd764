import type { DriverMachine } from '../domain/datacentre-driver';
import { SimulatedDatacentreDriver } from './simulated-datacentre-driver';

const machine: DriverMachine = {
  machineId: 'b7e1d2c3-5a6f-4b8e-9d0c-1e2f3a4b5c6d',
  orderId: '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11',
  hostId: 'a1000000-0000-4000-8000-000000000001',
  locationCode: 'ams1',
  resources: { vcpu: 2, memoryMb: 4_096, diskGb: 80 },
  imageCode: 'debian-12',
  ipAddress: '203.0.113.1',
  hostname: 'debian-b7e1d2c3.ams1.rental.example',
};

describe('SimulatedDatacentreDriver', () => {
  it('succeeds at every step with a failure rate of 0, even when asked twice', async () => {
    const driver = new SimulatedDatacentreDriver({ stepMs: 0, failureRate: 0 }, () => 0);
    for (const result of [
      await driver.allocate(machine),
      await driver.allocate(machine),
      await driver.installImage(machine),
      await driver.boot(machine),
      await driver.wipe(machine),
    ]) {
      expect(result.ok).toBe(true);
    }
  });

  it('fails retryably when the draw falls under the rate', async () => {
    const draws = [0.1, 0.9];
    const driver = new SimulatedDatacentreDriver({ stepMs: 0, failureRate: 0.5 }, () => draws.shift() as number);
    const first = await driver.boot(machine);
    expect(first).toEqual({ ok: false, error: expect.objectContaining({ reason: 'simulated_failure', retryable: true }) });
    expect((await driver.boot(machine)).ok).toBe(true);
  });

  it('always fails with a rate of 1', async () => {
    const driver = new SimulatedDatacentreDriver({ stepMs: 0, failureRate: 1 }, () => 0.999_999);
    expect((await driver.allocate(machine)).ok).toBe(false);
  });

  it('takes the configured time per step', async () => {
    const driver = new SimulatedDatacentreDriver({ stepMs: 50, failureRate: 0 });
    const started = performance.now();
    await driver.allocate(machine);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it('refuses a rate outside 0..1', () => {
    expect(() => new SimulatedDatacentreDriver({ stepMs: 0, failureRate: 1.5 })).toThrow(RangeError);
  });
});
