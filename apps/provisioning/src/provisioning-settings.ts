import type { KeyObject } from 'node:crypto';
import { env, loadConfig } from '@rental/config';
import { sealingKeySetting } from '@rental/secrets';
import { z } from 'zod';
import { type RetryPolicy, retryPolicy } from './domain/retry-policy';

/** The datacentre drivers provisioning has; the simulated one stands in for a datacentre during development. */
export const DATACENTRE_DRIVERS = ['simulated'] as const;
export type DatacentreDriverName = (typeof DATACENTRE_DRIVERS)[number];

/** The provisioning service's own rules, from the environment (validated at start-up like the rest). */
export interface ProvisioningSettings {
  /** How long capacity is held for an unpaid order; the order service reads the same variable. */
  paymentWindowMinutes: number;
  datacentreDriver: DatacentreDriverName;
  simulatedDriver: {
    /** How long each datacentre step (allocate, install image, boot, stop, wipe, destroy) takes; 0 for benchmarks. */
    stepMs: number;
    /** Share of steps that fail, from 0 (never) to 1 (always). */
    failureRate: number;
    /** The longest step time a test may force on an order's provisioning: a third of the job lease. */
    maxForcedDelayMs: number;
    /** What its control endpoint (forcing an order's failures) requires in X-Operator-Token. */
    operatorToken: string;
  };
  /** Attempts per machine, and the pause after a failed one (doubling); also the pause before a failed wipe is tried again. */
  retries: RetryPolicy;
  jobs: {
    /** Machines one instance provisions at the same time. */
    concurrency: number;
    /** The job runner's fallback poll; normally it is woken by NOTIFY when machines are committed. */
    pollIntervalMs: number;
    /**
     * How long a runner's claim on a machine lasts; renewed at every step. Longer than any quiet gap
     * in a job (one step, or the pause before a failed deprovisioning step runs again), short enough
     * that a dead instance's machines move on within a minute or so.
     */
    leaseMs: number;
  };
  /** The fallback poll of the durable timers (hold expiry); the order service reads the same variable. */
  timerPollMs: number;
  /**
   * The gateway's public sealing key: a generated root password leaves this service only sealed to
   * it. Provisioning never holds the private half, so it cannot read what it sealed.
   */
  secretsPublicKey: KeyObject;
}

export const PROVISIONING_SETTINGS = Symbol('PROVISIONING_SETTINGS');

const wholeNumber = (fallback: number) => z.string().regex(/^\d+$/, 'must be a whole number of 0 or more').transform(Number).prefault(String(fallback));

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
      DATACENTRE_DRIVER: env.standIn(DATACENTRE_DRIVERS, { devDefault: 'simulated', standIns: ['simulated'] }),
      PROVISIONING_OPERATOR_TOKEN: env.secret({ devDefault: 'dev-operator-token' }),
      SIMULATED_DRIVER_STEP_MS: wholeNumber(200),
      SIMULATED_DRIVER_FAILURE_RATE: rate(0),
      PROVISIONING_JOB_CONCURRENCY: env.positiveInt(8),
      PROVISIONING_JOB_POLL_MS: env.positiveInt(5_000),
      PROVISIONING_MAX_ATTEMPTS: env.positiveInt(3),
      PROVISIONING_RETRY_BASE_MS: wholeNumber(2_000),
      TIMER_POLL_MS: env.positiveInt(1_000),
      PROVISIONING_SECRETS_PUBLIC_KEY: sealingKeySetting('public'),
    }),
    source,
  );
  const leaseMs = jobLeaseMs(c.SIMULATED_DRIVER_STEP_MS, c.PROVISIONING_RETRY_BASE_MS);
  return {
    paymentWindowMinutes: c.PAYMENT_WINDOW_MINUTES,
    datacentreDriver: c.DATACENTRE_DRIVER,
    simulatedDriver: {
      stepMs: c.SIMULATED_DRIVER_STEP_MS,
      failureRate: c.SIMULATED_DRIVER_FAILURE_RATE,
      maxForcedDelayMs: Math.floor(leaseMs / 3),
      operatorToken: c.PROVISIONING_OPERATOR_TOKEN,
    },
    retries: retryPolicy(c.PROVISIONING_MAX_ATTEMPTS, c.PROVISIONING_RETRY_BASE_MS),
    jobs: {
      concurrency: c.PROVISIONING_JOB_CONCURRENCY,
      pollIntervalMs: c.PROVISIONING_JOB_POLL_MS,
      leaseMs,
    },
    timerPollMs: c.TIMER_POLL_MS,
    secretsPublicKey: c.PROVISIONING_SECRETS_PUBLIC_KEY,
  };
}

/** Derived rather than configured: 30 s, or three of the longest quiet gap (a step, a retry pause) if that is longer. */
export function jobLeaseMs(stepMs: number, retryBaseMs: number): number {
  return Math.max(30_000, 3 * stepMs, 3 * retryBaseMs);
}
