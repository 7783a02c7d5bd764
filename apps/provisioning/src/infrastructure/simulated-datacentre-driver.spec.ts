import type { DriverMachine } from '../application/ports/datacentre-driver';
import { type OrderFaults, SimulatedDatacentreDriver } from './simulated-datacentre-driver';

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

const nothingForced: OrderFaults = {
  beginAttempt: async () => ({ fail: false, delayMs: null }),
  stepDelayMs: async () => null,
};

/** An order whose next `failures` attempts fail and whose provisioning steps take `delayMs`. */
function forced(failures: number, delayMs: number | null): OrderFaults & { attemptsBegun: string[] } {
  let left = failures;
  const attemptsBegun: string[] = [];
  return {
    attemptsBegun,
    beginAttempt: async (orderId) => {
      attemptsBegun.push(orderId);
      left -= 1;
      return { fail: left >= 0, delayMs };
    },
    stepDelayMs: async () => delayMs,
  };
}

async function elapsed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

describe('SimulatedDatacentreDriver', () => {
  it('succeeds at every step with a failure rate of 0, even when asked twice', async () => {
    const driver = new SimulatedDatacentreDriver({ stepMs: 0, failureRate: 0 }, nothingForced, () => 0);
    for (const result of [
      await driver.allocate(machine),
      await driver.allocate(machine),
      await driver.installImage(machine),
      await driver.boot(machine),
      await driver.stop(machine),
      await driver.wipe(machine),
      await driver.destroy(machine),
    ]) {
      expect(result.ok).toBe(true);
    }
  });

  it('fails retryably when the draw falls under the rate', async () => {
    const draws = [0.1, 0.9];
    const driver = new SimulatedDatacentreDriver({ stepMs: 0, failureRate: 0.5 }, nothingForced, () => draws.shift() as number);
    const first = await driver.boot(machine);
    expect(first).toEqual({ ok: false, error: expect.objectContaining({ reason: 'simulated_failure', retryable: true }) });
    expect((await driver.boot(machine)).ok).toBe(true);
  });

  it('always fails with a rate of 1, taking machines back included', async () => {
    const driver = new SimulatedDatacentreDriver({ stepMs: 0, failureRate: 1 }, nothingForced, () => 0.999_999);
    expect((await driver.allocate(machine)).ok).toBe(false);
    expect((await driver.wipe(machine)).ok).toBe(false);
  });

  it('takes the configured time per step', async () => {
    const driver = new SimulatedDatacentreDriver({ stepMs: 50, failureRate: 0 }, nothingForced);
    expect(await elapsed(() => driver.allocate(machine))).toBeGreaterThanOrEqual(45);
    expect(await elapsed(() => driver.destroy(machine))).toBeGreaterThanOrEqual(45);
  });

  it('fails the attempts forced on the order at allocate, retryably, then lets them through', async () => {
    const faults = forced(2, null);
    const driver = new SimulatedDatacentreDriver({ stepMs: 0, failureRate: 0 }, faults, () => 0.5);
    expect(await driver.allocate(machine)).toEqual({
      ok: false,
      error: expect.objectContaining({ reason: 'forced_failure', retryable: true }),
    });
    expect((await driver.allocate(machine)).ok).toBe(false);
    expect((await driver.allocate(machine)).ok).toBe(true);
    // Only the first step of an attempt takes a forced failure: the others never fail for it.
    expect((await driver.installImage(machine)).ok).toBe(true);
    expect((await driver.boot(machine)).ok).toBe(true);
    expect(faults.attemptsBegun).toEqual([machine.orderId, machine.orderId, machine.orderId]);
  });

  it('gives the provisioning steps of the order its forced time, and takes machines back at the usual pace', async () => {
    const driver = new SimulatedDatacentreDriver({ stepMs: 0, failureRate: 0 }, forced(0, 60));
    for (const step of [() => driver.allocate(machine), () => driver.installImage(machine), () => driver.boot(machine)]) {
      expect(await elapsed(step)).toBeGreaterThanOrEqual(55);
    }
    expect(await elapsed(() => driver.stop(machine))).toBeLessThan(50);
  });

  it('refuses a rate outside 0..1', () => {
    expect(() => new SimulatedDatacentreDriver({ stepMs: 0, failureRate: 1.5 }, nothingForced)).toThrow(RangeError);
  });
});
