import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import {
  machineDeprovisionedV1,
  machineProvisioningFailedV1,
  machineProvisioningRetriedV1,
  machineProvisioningStartedV1,
  machineRunningV2,
  rootPasswordContext,
} from '@rental/contracts';
import { type EventOrigin, Outbox } from '@rental/messaging';
import { NotifiedLoop, type Transaction, UnitOfWork, type WorkNotices } from '@rental/persistence';
import { err, type Result } from '@rental/result';
import { sealSecret } from '@rental/secrets';
import type { JobStepName } from '../../domain/job-step';
import type { Machine, StepFailure } from '../../domain/machine';
import type { MachineEvent, MachineRejection } from '../../domain/machine-events';
import type { RandomInt } from '../../domain/root-password';
import { PROVISIONING_SETTINGS, type ProvisioningSettings } from '../../provisioning-settings';
import { MachineCapacity } from '../common/machine-capacity';
import { DatacentreDriver, type DriverFailure, type DriverMachine, type DriverResult } from '../ports/datacentre-driver';
import { MACHINE_JOB_NOTICES } from '../ports/machine-job-notices';
import { MachineStore, type MachineTarget } from '../ports/machine-store';
import { RANDOM_INT } from '../ports/provisioning.tokens';

/** This instance's claim on the machines it works on: who holds them, and how long each renewal lasts. */
interface Lease {
  owner: string;
  ms: number;
}

/** What a job knows about its machine besides the machine itself. */
interface JobContext {
  /** The order.paid that asked for the machine: the job's events continue its trace. */
  origin: EventOrigin;
  /** Its allocation's host and its address; null once released. */
  target: MachineTarget | null;
}

const INTERRUPTED: StepFailure = { reason: 'interrupted', retryable: true };

/**
 * Runs machine jobs, outside any event's transaction: the way from a machine order.paid left
 * requested to machine.running, and, once the order is cancelled or over, back to
 * machine.deprovisioned.
 *
 * The loop: woken by NOTIFY as soon as new machines commit or an order asks for its machines back,
 * by each finished job, at the time a retry is due, and by a slow poll that covers lost
 * notifications, retries after errors and machines whose instance died (their lease lapses). Up
 * to `concurrency` machines at a time, one job per machine across all instances: claims use FOR
 * UPDATE SKIP LOCKED and a lease. A retry's time is in the database, so any instance runs it if
 * this one is gone.
 *
 * One machine's job: attempts of allocate, install image and boot through the datacentre driver
 * until the machine runs or the domain says stop (the order of the steps is the domain's STEP_FLOW),
 * and the taking back: stop, wipe and destroy. Every step's outcome is stored, with the events it
 * causes (machine.running among them), in its own transaction, decided under the machine's row
 * lock together with any request to take the machine back; the driver is never called inside a
 * transaction.
 */
@Injectable()
export class MachineJobWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MachineJobWorker.name);
  private readonly lease: Lease;
  private readonly active = new Map<string, Promise<void>>();
  private loop?: NotifiedLoop;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly machines: MachineStore,
    private readonly capacity: MachineCapacity,
    private readonly outbox: Outbox,
    @Inject(MACHINE_JOB_NOTICES) private readonly notices: WorkNotices,
    private readonly driver: DatacentreDriver,
    @Inject(RANDOM_INT) private readonly randomInt: RandomInt,
    @Inject(PROVISIONING_SETTINGS) private readonly settings: ProvisioningSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.lease = { owner: randomUUID(), ms: settings.jobs.leaseMs };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.loop = new NotifiedLoop({
      name: MachineJobWorker.name,
      dataSource: this.notices.dataSource,
      channel: this.notices.channel,
      pollIntervalMs: this.settings.jobs.pollIntervalMs,
      clock: this.clock,
      pass: () => this.claim(),
    });
    await this.loop.start();
  }

  /** Lets running jobs finish their current step chain (they start no new one), then lets go of their machines. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
    await Promise.all(this.active.values());
  }

  /** Claims as many machines as there are free job slots; a full claim looks again at once. */
  private async claim(): Promise<'more' | 'done'> {
    const free = this.settings.jobs.concurrency - this.active.size;
    if (free <= 0) return 'done'; // a finishing job wakes us
    // A failed claim is logged by the loop and retried at the next poll.
    const claimed = await this.unitOfWork.run((tx) => this.machines.claim(tx, this.lease.owner, free, this.lease.ms, this.clock.now()));
    for (const machineId of claimed) this.start(machineId);
    return claimed.length === free ? 'more' : 'done';
  }

  private start(machineId: string): void {
    const running = this.run(machineId)
      .then((retryAt) => {
        if (retryAt !== null) this.loop?.wakeAt(retryAt);
      })
      .catch((error: Error) => this.logger.warn(`machine job ${machineId} stopped, retried once its lease lapses: ${error.stack ?? error.message}`))
      .finally(() => {
        this.active.delete(machineId);
        this.loop?.wake();
      });
    this.active.set(machineId, running);
  }

  /**
   * One machine's job. Returns when the machine needs nothing more now, the loop stops (checked
   * between steps), or another instance took it over; with the time its next attempt is due, when
   * it waits for one. On an error the lease is kept until it lapses: the machine is tried again
   * then, not in a tight loop.
   */
  private async run(machineId: string): Promise<Date | null> {
    const retryAt = await this.work(machineId);
    await this.unitOfWork.run((tx) => this.machines.releaseLease(tx, machineId, this.lease.owner));
    return retryAt;
  }

  private async work(machineId: string): Promise<Date | null> {
    const found = await this.unitOfWork.run((tx) => this.machines.load(tx, machineId));
    if (found === null) return null;
    const { machine } = found;
    const context: JobContext = { origin: found.origin, target: found.target };
    const save = (decide: (at: Date) => MachineEvent[]) => this.save(machine, decide, context);
    const policy = this.settings.retries;

    // A step was running when its instance stopped or lost the lease. Only that process knew the
    // attempt's password, and the step may or may not have landed: the step is failed, and the
    // machine goes on as the domain says (a new attempt, or on with taking it back).
    const recovered = await save((at) => {
      const interrupted = machine.currentStep;
      return interrupted === null ? [] : must(machine.failStep(interrupted, INTERRUPTED, at, policy), machine.id);
    });
    if (!recovered) return null;

    for (;;) {
      // A step to run: the driver does it, the machine decides what follows (the next step, running, a retry or failure).
      const step = machine.currentStep;
      if (step !== null) {
        const result = await this.perform(step, machine);
        const outcome = (at: Date) =>
          must(result.ok ? machine.completeStep(step, at) : machine.failStep(step, stepFailure(result.error), at, policy), machine.id);
        if (!(await save(outcome))) return null;
        continue;
      }
      if (this.loop?.isStopped ?? true) return null;
      const reason = machine.deprovisionReason;
      if (reason !== null) {
        if (machine.status === 'deprovisioned') return null;
        // A deprovisioning step failed: give the datacentre a moment before it runs again.
        if (machine.status === 'deprovisioning') await pause(policy.backoffBaseMs);
        if (!(await save((at) => machine.deprovision(reason, at)))) return null;
        continue;
      }
      // Running, or failed: nothing to do until the order is cancelled or over.
      if (machine.status !== 'requested') return null;
      const due = machine.nextAttemptAt;
      if (due !== null && due.getTime() > this.clock.now().getTime()) return due;
      const target = context.target;
      if (target === null) throw new Error(`machine ${machine.id} has work left but no allocation or address`);
      // A new attempt: its first step (allocate) runs at the top of the loop.
      const started = await save((at) => (machine.deprovisionReason === null ? must(machine.startAttempt(target, at, this.randomInt), machine.id) : []));
      if (!started) return null;
    }
  }

  /** Asks the datacentre to do the step; never inside a transaction. */
  private async perform(step: JobStepName, machine: Machine): Promise<DriverResult> {
    const state = machine.snapshot();
    // A step only runs once an attempt placed the machine, so its host and address are set.
    const subject: DriverMachine = {
      machineId: state.id,
      orderId: state.orderId,
      hostId: state.hostId as string,
      locationCode: state.locationCode,
      resources: state.resources,
      imageCode: state.imageCode,
      ipAddress: state.ipAddress as string,
      hostname: machine.hostname,
    };
    try {
      switch (step) {
        case 'allocate':
          return await this.driver.allocate(subject);
        case 'install_image': {
          const credentials = machine.installCredentials();
          if (!credentials.ok) return err({ reason: 'password_unavailable', retryable: true });
          return await this.driver.installImage(subject, credentials.value);
        }
        case 'boot':
          return await this.driver.boot(subject);
        case 'stop':
          return await this.driver.stop(subject);
        case 'wipe':
          return await this.driver.wipe(subject);
        case 'destroy':
          return await this.driver.destroy(subject);
      }
    } catch (error) {
      // A driver that throws instead of answering is treated like a flaky datacentre.
      return err({ reason: 'driver_error', retryable: true, detail: (error as Error).message });
    }
  }

  /**
   * Lets `decide` move the machine and stores it with what its events cause, if the lease still
   * holds. A request to take the machine back that committed meanwhile is given to the machine
   * first, so the step's outcome already knows it (a boot that finishes after a cancellation
   * never makes the machine running). False: another instance took the machine over, nothing was
   * decided or written and this job must stop.
   */
  private save(machine: Machine, decide: (at: Date) => MachineEvent[], context: JobContext): Promise<boolean> {
    const { owner, ms } = this.lease;
    return this.unitOfWork.run(async (tx) => {
      const leased = await this.machines.lockLeased(tx, machine.id, owner);
      if (leased === undefined) return false;
      const at = this.clock.now();
      const events: MachineEvent[] = [];
      if (leased.deprovisionReason !== null && machine.deprovisionReason === null) {
        events.push(...machine.deprovision(leased.deprovisionReason, at));
      }
      events.push(...decide(at));
      await this.machines.saveLeased(tx, machine, owner, ms, at);
      for (const event of events) await this.publish(tx, event, machine, context);
      return true;
    });
  }

  /** What the machine's events mean outside: the outbox records them in the step's transaction, with the capacity they free or move. */
  private async publish(tx: Transaction, event: MachineEvent, machine: Machine, context: JobContext): Promise<void> {
    const { origin } = context;
    switch (event.type) {
      case 'machine.provisioning-started':
        await this.outbox.record(
          tx,
          machineProvisioningStartedV1,
          event.orderId,
          {
            orderId: event.orderId,
            machineId: event.machineId,
            hostId: event.hostId,
            attempt: event.attempt,
            startedAt: event.at.toISOString(),
          },
          origin,
        );
        break;
      case 'machine.running':
        await this.outbox.record(
          tx,
          machineRunningV2,
          event.orderId,
          {
            orderId: event.orderId,
            machineId: event.machineId,
            hostname: event.hostname,
            ipAddress: event.ipAddress,
            // The one place the generated password is ever written, sealed to the gateway, which lets the customer reveal it once.
            access:
              event.credentials.kind === 'root_password'
                ? {
                    method: 'password',
                    rootPasswordSealed: sealSecret(
                      event.credentials.rootPassword,
                      this.settings.secretsPublicKey,
                      rootPasswordContext(event.orderId, event.machineId),
                    ),
                  }
                : { method: 'ssh-key' },
            runningSince: event.at.toISOString(),
          },
          origin,
        );
        break;
      case 'machine.retry-scheduled': {
        const target = context.target;
        if (target === null) throw new Error(`machine ${machine.id} is to be retried, but has no allocation or address`);
        const movedTo = await this.capacity.moveAway(tx, machine, target, event.at);
        if (movedTo !== null) context.target = { hostId: movedTo, ipAddress: target.ipAddress };
        await this.outbox.record(
          tx,
          machineProvisioningRetriedV1,
          event.orderId,
          {
            orderId: event.orderId,
            machineId: event.machineId,
            failedAttempt: event.failedAttempt,
            reason: `${event.step}: ${event.error}`,
            movedToAnotherHost: movedTo !== null,
            nextAttemptAt: event.nextAttemptAt.toISOString(),
          },
          origin,
        );
        break;
      }
      case 'machine.provisioning-failed':
        context.target = null;
        await this.capacity.release(tx, machine, event.at);
        await this.outbox.record(
          tx,
          machineProvisioningFailedV1,
          event.orderId,
          {
            orderId: event.orderId,
            machineId: event.machineId,
            attempts: event.attempts,
            reason: `${event.step}: ${event.error}`,
            failedAt: event.at.toISOString(),
          },
          origin,
        );
        break;
      case 'machine.deprovisioned': {
        context.target = null;
        const address = await this.capacity.release(tx, machine, event.at);
        await this.outbox.record(
          tx,
          machineDeprovisionedV1,
          event.orderId,
          {
            orderId: event.orderId,
            machineId: event.machineId,
            hostname: event.hostname,
            ...(address === undefined ? {} : { ipAddress: address }),
            reason: event.reason,
            wasDelivered: event.wasDelivered,
            deprovisionedAt: event.at.toISOString(),
          },
          origin,
        );
        break;
      }
      default:
        // Step outcomes are stored with the machine's steps; nobody outside needs them.
        break;
    }
  }
}

function stepFailure(failure: DriverFailure): StepFailure {
  return { reason: failure.reason, retryable: failure.retryable };
}

/** The job only asks the machine for moves its status allows, so a refusal is a bug. */
function must(result: Result<MachineEvent[], MachineRejection>, machineId: string): MachineEvent[] {
  if (!result.ok) throw new Error(`machine ${machineId} refused a job move: ${JSON.stringify(result.error)}`);
  return result.value;
}

async function pause(ms: number): Promise<void> {
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}
