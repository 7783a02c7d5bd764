import { env, loadConfig } from '@rental/config';
import { z } from 'zod';

/** The provisioning service's own rules, from the environment (validated at start-up like the rest). */
export interface ProvisioningSettings {
  /** How long capacity is held for an unpaid order; the order service reads the same variable. */
  paymentWindowMinutes: number;
  simulatedDriver: {
    /** How long each datacentre step (allocate, install image, boot) takes; 0 for benchmarks. */
    stepMs: number;
    /** Share of steps that fail, from 0 (never) to 1 (always). */
    failureRate: number;
  };
  jobs: {
    /** Machines one instance provisions at the same time. */
    concurrency: number;
    /** The job runner's fallback poll; normally it is woken by NOTIFY when machines are committed. */
    pollIntervalMs: number;
    /**
     * How long a runner's claim on a machine lasts; renewed at every step. Longer than any quiet gap
     * in a job (one step, or the pause before a retry), short enough that a dead instance's machines
     * move on within a minute or so.
     */
    leaseMs: number;
  };
}

export const PROVISIONING_SETTINGS = Symbol('PROVISIONING_SETTINGS');

const wholeNumber = (fallback: number) =>
  z.string().regex(/^\d+$/, 'must be a whole number of 0 or more').transform(Number).prefault(String(fallback));

const rate = (fallback: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a decimal number such as 0.25')
    .transform(Number)
    .pipe(z.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1'))
    .prefault(String(fallback));

export function loadProvisioningSettings(source: NodeJS.ProcessEnv = process.env): ProvisioningSettings {
  const c = loadConfig(
    z.object({
      PAYMENT_WINDOW_MINUTES: env.positiveInt(60),
      SIMULATED_DRIVER_STEP_MS: wholeNumber(200),
      SIMULATED_DRIVER_FAILURE_RATE: rate(0),
      PROVISIONING_JOB_CONCURRENCY: env.positiveInt(8),
      PROVISIONING_JOB_POLL_MS: env.positiveInt(5_000),
    }),
    source,
  );
  return {
    paymentWindowMinutes: c.PAYMENT_WINDOW_MINUTES,
    simulatedDriver: { stepMs: c.SIMULATED_DRIVER_STEP_MS, failureRate: c.SIMULATED_DRIVER_FAILURE_RATE },
    jobs: {
      concurrency: c.PROVISIONING_JOB_CONCURRENCY,
      pollIntervalMs: c.PROVISIONING_JOB_POLL_MS,
      leaseMs: jobLeaseMs(c.SIMULATED_DRIVER_STEP_MS),
    },
  };
}

/** Derived rather than configured: 30 s, or three steps if steps are slower than 10 s. */
export function jobLeaseMs(stepMs: number): number {
  return Math.max(30_000, 3 * stepMs);
}
