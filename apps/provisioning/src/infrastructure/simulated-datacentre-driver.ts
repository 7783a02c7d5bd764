import { err, ok } from '@rental/result';
import type { DatacentreDriver, DriverMachine, DriverOperation, DriverResult } from '../domain/datacentre-driver';

export interface SimulatedDriverOptions {
  /** How long every operation takes. */
  stepMs: number;
  /** Share of operations that fail (retryably), from 0 to 1. */
  failureRate: number;
}

/**
 * A datacentre that only takes time: each operation waits `stepMs` and fails with probability
 * `failureRate`. Its failures are retryable, as a flaky host or network would be. A repeated call
 * succeeds like the first, as the port requires.
 */
export class SimulatedDatacentreDriver implements DatacentreDriver {
  constructor(
    private readonly options: SimulatedDriverOptions,
    private readonly random: () => number = Math.random,
  ) {
    if (!(options.failureRate >= 0 && options.failureRate <= 1)) {
      throw new RangeError(`simulated driver: failure rate must be from 0 to 1 (got ${options.failureRate})`);
    }
    if (!Number.isSafeInteger(options.stepMs) || options.stepMs < 0) {
      throw new RangeError(`simulated driver: step time must be a whole number of ms (got ${options.stepMs})`);
    }
  }

  allocate(machine: DriverMachine): Promise<DriverResult> {
    return this.operate('allocate', machine);
  }

  installImage(machine: DriverMachine): Promise<DriverResult> {
    return this.operate('installImage', machine);
  }

  boot(machine: DriverMachine): Promise<DriverResult> {
    return this.operate('boot', machine);
  }

  wipe(machine: DriverMachine): Promise<DriverResult> {
    return this.operate('wipe', machine);
  }

  private async operate(operation: DriverOperation, machine: DriverMachine): Promise<DriverResult> {
    if (this.options.stepMs > 0) await new Promise((resolve) => setTimeout(resolve, this.options.stepMs));
    // random() is in [0, 1): a rate of 0 never fails and a rate of 1 always does.
    if (this.random() < this.options.failureRate) {
      return err({
        reason: 'simulated_failure',
        retryable: true,
        detail: `${operation} of ${machine.machineId} on host ${machine.hostId} failed (simulated, rate ${this.options.failureRate})`,
      });
    }
    return ok({ detail: `${operation} of ${machine.machineId} on host ${machine.hostId} (simulated)` });
  }
}
