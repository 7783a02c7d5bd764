import { err, ok } from '@rental/result';
import type { DatacentreDriver, DriverMachine, DriverOperation, DriverResult } from '../application/ports/datacentre-driver';

export interface SimulatedDriverOptions {
  /** How long every operation takes. */
  stepMs: number;
  /** Share of operations that fail (retryably), from 0 to 1. */
  failureRate: number;
}

/** What a test or a demo forced on one order's provisioning (see SimulatedOrderFaults). */
export interface OrderFaults {
  /** At the start of an attempt: whether this attempt must fail, and the step time forced on the order, if any. */
  beginAttempt(orderId: string): Promise<{ fail: boolean; delayMs: number | null }>;
  /** The step time forced on the order's provisioning, if any. */
  stepDelayMs(orderId: string): Promise<number | null>;
}

/**
 * A datacentre that only takes time: each operation waits `stepMs` and fails with probability
 * `failureRate`. Its failures are retryable, as a flaky host or network would be. A repeated call
 * succeeds like the first, as the port requires. On top of that, an order may have forced
 * failures (its next attempts fail at allocate) and a forced step time for its provisioning steps.
 */
export class SimulatedDatacentreDriver implements DatacentreDriver {
  constructor(
    private readonly options: SimulatedDriverOptions,
    private readonly faults: OrderFaults,
    private readonly random: () => number = Math.random,
  ) {
    if (!(options.failureRate >= 0 && options.failureRate <= 1)) {
      throw new RangeError(`simulated driver: failure rate must be from 0 to 1 (got ${options.failureRate})`);
    }
    if (!Number.isSafeInteger(options.stepMs) || options.stepMs < 0) {
      throw new RangeError(`simulated driver: step time must be a whole number of ms (got ${options.stepMs})`);
    }
  }

  /** The first step of every attempt, so the one that takes the order's forced failures. */
  async allocate(machine: DriverMachine): Promise<DriverResult> {
    const forced = await this.faults.beginAttempt(machine.orderId);
    await pause(forced.delayMs ?? this.options.stepMs);
    if (forced.fail) {
      return err({
        reason: 'forced_failure',
        retryable: true,
        detail: `allocate of ${machine.machineId} on host ${machine.hostId} failed: forced for order ${machine.orderId}`,
      });
    }
    return this.outcome('allocate', machine);
  }

  async installImage(machine: DriverMachine): Promise<DriverResult> {
    await pause((await this.faults.stepDelayMs(machine.orderId)) ?? this.options.stepMs);
    return this.outcome('installImage', machine);
  }

  async boot(machine: DriverMachine): Promise<DriverResult> {
    await pause((await this.faults.stepDelayMs(machine.orderId)) ?? this.options.stepMs);
    return this.outcome('boot', machine);
  }

  async stop(machine: DriverMachine): Promise<DriverResult> {
    await pause(this.options.stepMs);
    return this.outcome('stop', machine);
  }

  async wipe(machine: DriverMachine): Promise<DriverResult> {
    await pause(this.options.stepMs);
    return this.outcome('wipe', machine);
  }

  async destroy(machine: DriverMachine): Promise<DriverResult> {
    await pause(this.options.stepMs);
    return this.outcome('destroy', machine);
  }

  private outcome(operation: DriverOperation, machine: DriverMachine): DriverResult {
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

async function pause(ms: number): Promise<void> {
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}
