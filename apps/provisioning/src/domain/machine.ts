import { copyDate } from '@rental/clock';
import { err, ok, type Result } from '@rental/result';
import { type Capacity, capacityOf, isZeroCapacity } from './capacity';
import { machineHostname } from './hostname';
import { isIpv4Address } from './ipv4-address';
import { isJobStepName, isProvisioningStep, type JobStep, type JobStepName, STEP_FLOW } from './job-step';
import {
  credentialsToStore,
  type DeliveredCredentials,
  type InstallCredentials,
  type RequestedCredentials,
  type StoredCredentials,
} from './machine-credentials';
import type { MachineDeprovisioned, MachineEvent, MachineRejection, MachineRetryScheduled, MachineRunning, PasswordUnavailable } from './machine-events';
import { isMachineStatus, type MachineStatus } from './machine-status';
import { machineRetryDelayMs, type RetryPolicy } from './retry-policy';
import { generateRootPassword, type RandomInt } from './root-password';
import { type InvalidSshPublicKey, parseSshPublicKey } from './ssh-public-key';

/** Why a machine is taken back: the order was cancelled, or the rental period is over. */
export const DEPROVISION_REASONS = ['order_cancelled', 'rental_ended'] as const;

export type DeprovisionReason = (typeof DEPROVISION_REASONS)[number];

export interface MachineState {
  readonly id: string;
  readonly orderId: string;
  readonly locationCode: string;
  /** What the plan gives one machine. */
  readonly resources: Capacity;
  readonly imageCode: string;
  readonly requestedAt: Date;
  /** Set by each attempt; null before the first. */
  readonly hostId: string | null;
  readonly ipAddress: string | null;
  readonly credentials: StoredCredentials;
  readonly status: MachineStatus;
  readonly steps: readonly JobStep[];
  readonly attempts: number;
  /** Hosts an attempt failed on, oldest first: a retry goes elsewhere when it can. */
  readonly failedHostIds: readonly string[];
  /** When the next attempt may start, while waiting after a failed one. */
  readonly nextAttemptAt: Date | null;
  /** Set once the order is cancelled or over: from then on the machine is only taken back. */
  readonly deprovisionReason: DeprovisionReason | null;
  /** When machine.running told the customer about it; null if they never had it. */
  readonly deliveredAt: Date | null;
}

export interface RequestMachine {
  readonly id: string;
  readonly orderId: string;
  readonly locationCode: string;
  readonly resources: Capacity;
  readonly imageCode: string;
  readonly credentials: RequestedCredentials;
}

/** Where an attempt runs: chosen by placement and the IP pool before it starts. */
export interface AttemptPlacement {
  readonly hostId: string;
  readonly ipAddress: string;
}

/** Why a step failed, as the datacentre driver reported it. */
export interface StepFailure {
  readonly reason: string;
  /** False when trying again cannot help (e.g. the image does not exist). */
  readonly retryable: boolean;
}

/**
 * One ordered machine, from request to wiped. Each command returns the events it caused; a
 * refused one returns why and changes nothing.
 *
 * A generated root password lives only in this object's memory, from the start of the attempt
 * that installs it until `machine.running` carries it out; snapshots never contain it. An
 * instance restored in between has lost it, so the attempt is failed and retried with a new one.
 *
 * Once deprovisioning is asked for, provisioning stops at the end of the step in progress: no
 * new attempt, no machine.running, and the machine goes straight to being stopped and wiped.
 */
export class Machine {
  #rootPassword: string | null = null;

  private constructor(private state: MachineState) {}

  /** A malformed SSH key is the customer's mistake, so it is an answer; other bad input is a bug and throws. */
  static request(input: RequestMachine, at: Date): Result<Machine, InvalidSshPublicKey> {
    const credentials = credentialsToStore(input.credentials);
    if (!credentials.ok) return credentials;
    const state: MachineState = {
      id: input.id,
      orderId: input.orderId,
      locationCode: input.locationCode,
      resources: input.resources,
      imageCode: input.imageCode,
      requestedAt: at,
      hostId: null,
      ipAddress: null,
      credentials: credentials.value,
      status: 'requested',
      steps: [],
      attempts: 0,
      failedHostIds: [],
      nextAttemptAt: null,
      deprovisionReason: null,
      deliveredAt: null,
    };
    return ok(new Machine(checked(state)));
  }

  /** Rebuilds a machine from what a repository stored; no events, nothing happened. */
  static restore(state: MachineState): Machine {
    return new Machine(checked(state));
  }

  get id(): string {
    return this.state.id;
  }

  get status(): MachineStatus {
    return this.state.status;
  }

  get attempts(): number {
    return this.state.attempts;
  }

  get hostname(): string {
    return hostnameOf(this.state);
  }

  get nextAttemptAt(): Date | null {
    return this.state.nextAttemptAt === null ? null : copyDate(this.state.nextAttemptAt);
  }

  get deprovisionReason(): DeprovisionReason | null {
    return this.state.deprovisionReason;
  }

  get failedHostIds(): readonly string[] {
    return [...this.state.failedHostIds];
  }

  /** The step running now, if any: the last one, while it has not finished. */
  get currentStep(): JobStepName | null {
    return currentStepOf(this.state.steps)?.step ?? null;
  }

  /** A copy without any password: changing it does not change the machine. */
  snapshot(): MachineState {
    return copyState(this.state);
  }

  /**
   * Starts an attempt on the host and address given, with the allocate step, once any pause
   * after a failed attempt is over. A password machine gets a fresh password for each attempt
   * from `randomInt`.
   */
  startAttempt(placement: AttemptPlacement, at: Date, randomInt: RandomInt): Result<MachineEvent[], MachineRejection> {
    if (placement.hostId.length === 0) throw new RangeError(`machine ${this.state.id}: host id must not be empty`);
    if (!isIpv4Address(placement.ipAddress)) {
      throw new RangeError(`machine ${this.state.id}: ${placement.ipAddress} is not an IPv4 address`);
    }
    const { status, deprovisionReason, nextAttemptAt } = this.state;
    if (status !== 'requested') return err({ reason: 'illegal_status', action: 'start_attempt', status });
    if (deprovisionReason !== null) return err({ reason: 'deprovisioning_requested', deprovisionReason });
    if (nextAttemptAt !== null && at.getTime() < nextAttemptAt.getTime()) {
      return err({ reason: 'retry_not_due', nextAttemptAt: copyDate(nextAttemptAt) });
    }
    const attempt = this.state.attempts + 1;
    const password = this.state.credentials.kind === 'root_password' ? generateRootPassword(randomInt) : null;
    this.state = {
      ...this.state,
      hostId: placement.hostId,
      ipAddress: placement.ipAddress,
      attempts: attempt,
      nextAttemptAt: null,
      status: STEP_FLOW.allocate.during,
      steps: [...this.state.steps, { step: 'allocate', startedAt: copyDate(at) }],
    };
    this.#rootPassword = password;
    return ok([
      {
        type: 'machine.provisioning-started',
        machineId: this.state.id,
        orderId: this.state.orderId,
        attempt,
        hostId: placement.hostId,
        ipAddress: placement.ipAddress,
        hostname: this.hostname,
        at: copyDate(at),
      },
    ]);
  }

  /** What the driver installs for the customer to log in with. */
  installCredentials(): Result<InstallCredentials, PasswordUnavailable> {
    const { credentials } = this.state;
    if (credentials.kind === 'ssh_key') return ok({ kind: 'ssh_key', publicKey: credentials.publicKey });
    if (this.#rootPassword === null) return err({ reason: 'password_unavailable', machineId: this.state.id });
    return ok({ kind: 'root_password', rootPassword: this.#rootPassword });
  }

  /**
   * Records the running step's success and starts the next one, or ends the job (running,
   * deprovisioned). A provisioning step that succeeds after deprovisioning was asked for leads to
   * the stop step instead: a machine that came up too late is never handed over.
   */
  completeStep(step: JobStepName, at: Date): Result<MachineEvent[], MachineRejection> {
    const current = this.currentStep;
    if (current !== step) return err({ reason: 'step_not_in_progress', step, current });
    const steps = finishCurrent(this.state.steps, at, 'succeeded');
    const base = { machineId: this.state.id, orderId: this.state.orderId };
    const completed: MachineEvent = { type: 'machine.step-completed', ...base, step, at: copyDate(at) };
    if (isProvisioningStep(step) && this.state.deprovisionReason !== null) {
      this.state = { ...this.state, steps };
      return ok([completed, ...this.startStopping(at)]);
    }
    const delivered = step === 'boot' ? this.installCredentials() : undefined;
    if (delivered !== undefined && !delivered.ok) return delivered;

    const then = STEP_FLOW[step].then;
    const events: MachineEvent[] = [completed];
    if ('step' in then) {
      this.state = {
        ...this.state,
        status: STEP_FLOW[then.step].during,
        steps: [...steps, { step: then.step, startedAt: copyDate(at) }],
      };
      return ok(events);
    }
    this.state = { ...this.state, status: then.status, steps };
    if (then.status === 'deprovisioned') return ok([...events, this.deprovisioned(at)]);

    const credentials: DeliveredCredentials =
      delivered?.ok && delivered.value.kind === 'root_password' ? { kind: 'root_password', rootPassword: delivered.value.rootPassword } : { kind: 'ssh_key' };
    if (credentials.kind === 'root_password') {
      this.state = { ...this.state, credentials: { kind: 'root_password', issuedAt: copyDate(at) } };
      this.#rootPassword = null;
    }
    this.state = { ...this.state, deliveredAt: copyDate(at) };
    const running: MachineRunning = {
      type: 'machine.running',
      ...base,
      hostId: this.state.hostId as string,
      ipAddress: this.state.ipAddress as string,
      hostname: this.hostname,
      credentials,
      at: copyDate(at),
    };
    return ok([...events, running]);
  }

  /**
   * Records the running step's failure. A provisioning step is retried by a new attempt while
   * attempts remain and the failure allows it, after the policy's pause and preferably on another
   * host; otherwise the machine has failed. After deprovisioning was asked for, nothing is
   * retried: the machine is stopped and wiped. A deprovisioning step is never abandoned:
   * deprovision tries it again.
   */
  failStep(step: JobStepName, failure: StepFailure, at: Date, policy: RetryPolicy): Result<MachineEvent[], MachineRejection> {
    const current = this.currentStep;
    if (current !== step) return err({ reason: 'step_not_in_progress', step, current });
    const steps = finishCurrent(this.state.steps, at, 'failed', failure.reason);
    const base = { machineId: this.state.id, orderId: this.state.orderId, step, error: failure.reason };
    if (!isProvisioningStep(step)) {
      this.state = { ...this.state, steps };
      return ok([{ type: 'machine.step-failed', ...base, willRetry: true, at: copyDate(at) }]);
    }
    this.#rootPassword = null;
    if (this.state.deprovisionReason !== null) {
      this.state = { ...this.state, steps };
      return ok([{ type: 'machine.step-failed', ...base, willRetry: false, at: copyDate(at) }, ...this.startStopping(at)]);
    }
    const failedHostId = this.state.hostId as string;
    const failedHostIds = this.state.failedHostIds.includes(failedHostId) ? this.state.failedHostIds : [...this.state.failedHostIds, failedHostId];
    const willRetry = failure.retryable && this.state.attempts < policy.maxAttempts;
    const failed: MachineEvent = { type: 'machine.step-failed', ...base, willRetry, at: copyDate(at) };
    if (!willRetry) {
      this.state = { ...this.state, steps, failedHostIds, status: 'failed' };
      return ok([failed, { type: 'machine.provisioning-failed', ...base, attempts: this.state.attempts, at: copyDate(at) }]);
    }
    const nextAttemptAt = new Date(at.getTime() + machineRetryDelayMs(this.state.attempts, policy));
    this.state = { ...this.state, steps, failedHostIds, status: 'requested', nextAttemptAt };
    const retry: MachineRetryScheduled = {
      type: 'machine.retry-scheduled',
      ...base,
      failedAttempt: this.state.attempts,
      failedHostId,
      nextAttemptAt: copyDate(nextAttemptAt),
      at: copyDate(at),
    };
    return ok([failed, retry]);
  }

  /**
   * Takes the machine back: stop, wipe, destroy. The first reason given is kept. A step in
   * progress is left to finish (its outcome moves the machine on); after a failed deprovisioning
   * step the same step starts again. A machine that never reached a host has nothing to wipe and
   * is deprovisioned at once; one already deprovisioned gives no events, so repeating is harmless.
   */
  deprovision(reason: DeprovisionReason, at: Date): MachineEvent[] {
    const { status, hostId } = this.state;
    if (status === 'deprovisioned') return [];
    if (this.state.deprovisionReason === null) this.state = { ...this.state, deprovisionReason: reason };
    if (this.currentStep !== null) return [];
    if (status === 'deprovisioning') {
      const failed = this.state.steps.at(-1) as JobStep;
      this.state = { ...this.state, steps: [...this.state.steps, { step: failed.step, startedAt: copyDate(at) }] };
      return [];
    }
    if (status === 'requested' && hostId === null) {
      this.state = { ...this.state, status: 'deprovisioned', nextAttemptAt: null };
      return [this.deprovisioned(at)];
    }
    return this.startStopping(at);
  }

  private startStopping(at: Date): MachineEvent[] {
    this.#rootPassword = null;
    this.state = {
      ...this.state,
      status: STEP_FLOW.stop.during,
      nextAttemptAt: null,
      steps: [...this.state.steps, { step: 'stop', startedAt: copyDate(at) }],
    };
    const { id: machineId, orderId, hostId } = this.state;
    return [{ type: 'machine.deprovisioning-started', machineId, orderId, hostId: hostId as string, at: copyDate(at) }];
  }

  private deprovisioned(at: Date): MachineDeprovisioned {
    return {
      type: 'machine.deprovisioned',
      machineId: this.state.id,
      orderId: this.state.orderId,
      hostname: this.hostname,
      reason: this.state.deprovisionReason as DeprovisionReason,
      wasDelivered: this.state.deliveredAt !== null,
      at: copyDate(at),
    };
  }
}

function currentStepOf(steps: readonly JobStep[]): JobStep | undefined {
  const last = steps.at(-1);
  return last !== undefined && last.finishedAt === undefined ? last : undefined;
}

function finishCurrent(steps: readonly JobStep[], at: Date, outcome: 'succeeded' | 'failed', error?: string): JobStep[] {
  const finished: JobStep = {
    ...(steps.at(-1) as JobStep),
    finishedAt: copyDate(at),
    outcome,
    ...(error === undefined ? {} : { error }),
  };
  return [...steps.slice(0, -1), finished];
}

function hostnameOf(state: MachineState): string {
  return machineHostname({ machineId: state.id, imageCode: state.imageCode, locationCode: state.locationCode });
}

/** Invariants of a new or stored machine; a violation is a bug or corrupted data, so it throws. */
function checked(state: MachineState): MachineState {
  const where = `machine ${state.id}`;
  const fail = (problem: string): never => {
    throw new RangeError(`${where}: ${problem}`);
  };
  for (const key of ['id', 'orderId', 'locationCode', 'imageCode'] as const) {
    if (state[key].length === 0) fail(`${key} must not be empty`);
  }
  hostnameOf(state);
  if (isZeroCapacity(capacityOf(state.resources))) fail('resources must not be zero');
  if (!isMachineStatus(state.status)) fail(`unknown status ${String(state.status)}`);
  if (!Number.isSafeInteger(state.attempts) || state.attempts < 0) {
    fail(`attempts must be a whole number of at least 0 (got ${state.attempts})`);
  }
  if ((state.attempts === 0) !== (state.hostId === null) || (state.hostId === null) !== (state.ipAddress === null)) {
    fail('a host and an address are set exactly when an attempt has started');
  }
  if (state.ipAddress !== null && !isIpv4Address(state.ipAddress)) fail(`${state.ipAddress} is not an IPv4 address`);
  if (state.credentials.kind === 'ssh_key' && !parseSshPublicKey(state.credentials.publicKey).ok) {
    fail('the stored SSH key is invalid');
  }
  if (state.credentials.kind !== 'ssh_key' && state.credentials.kind !== 'root_password') fail('unknown credentials');
  state.steps.forEach((step, index) => {
    if (!isJobStepName(step.step)) fail(`unknown step ${String(step.step)}`);
    const finished = step.finishedAt !== undefined;
    if (finished !== (step.outcome !== undefined)) fail(`step ${index} must have both finishedAt and outcome, or neither`);
    if (!finished && index !== state.steps.length - 1) fail(`only the last step may be unfinished (step ${index})`);
    if (step.error !== undefined && step.outcome !== 'failed') fail(`step ${index} has an error but did not fail`);
  });
  if (state.failedHostIds.some((hostId) => hostId.length === 0)) fail('a failed host id is empty');
  if (new Set(state.failedHostIds).size !== state.failedHostIds.length) fail('a failed host is listed twice');
  if (state.nextAttemptAt !== null && state.status !== 'requested') fail(`a next attempt is set in status ${state.status}`);
  if (state.deprovisionReason !== null && !(DEPROVISION_REASONS as readonly string[]).includes(state.deprovisionReason)) {
    fail(`unknown deprovision reason ${String(state.deprovisionReason)}`);
  }
  if (['deprovisioning', 'deprovisioned'].includes(state.status) && state.deprovisionReason === null) {
    fail(`status ${state.status} without a reason to deprovision`);
  }
  if (state.status === 'running' && state.deliveredAt === null) fail('running, but never delivered');
  const current = currentStepOf(state.steps);
  const expected = current === undefined ? undefined : STEP_FLOW[current.step].during;
  if (expected !== undefined && expected !== state.status) fail(`status ${state.status} while step ${current?.step} runs`);
  if (current === undefined && ['allocating', 'installing', 'booting'].includes(state.status)) {
    fail(`status ${state.status} without a running step`);
  }
  return copyState(state);
}

function copyState(state: MachineState): MachineState {
  const credentials: StoredCredentials =
    state.credentials.kind === 'ssh_key'
      ? { kind: 'ssh_key', publicKey: state.credentials.publicKey }
      : {
          kind: 'root_password',
          issuedAt: state.credentials.issuedAt === null ? null : copyDate(state.credentials.issuedAt),
        };
  // Field by field, so nothing that was not meant to be stored (a password, say) is ever copied along.
  return {
    id: state.id,
    orderId: state.orderId,
    locationCode: state.locationCode,
    resources: capacityOf(state.resources),
    imageCode: state.imageCode,
    requestedAt: copyDate(state.requestedAt),
    hostId: state.hostId,
    ipAddress: state.ipAddress,
    credentials,
    status: state.status,
    steps: state.steps.map((step) => ({
      step: step.step,
      startedAt: copyDate(step.startedAt),
      ...(step.finishedAt === undefined ? {} : { finishedAt: copyDate(step.finishedAt) }),
      ...(step.outcome === undefined ? {} : { outcome: step.outcome }),
      ...(step.error === undefined ? {} : { error: step.error }),
    })),
    attempts: state.attempts,
    failedHostIds: [...state.failedHostIds],
    nextAttemptAt: state.nextAttemptAt === null ? null : copyDate(state.nextAttemptAt),
    deprovisionReason: state.deprovisionReason,
    deliveredAt: state.deliveredAt === null ? null : copyDate(state.deliveredAt),
  };
}
