import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { machineProvisioningFailedV1, machineProvisioningStartedV1, machineRunningV1 } from '@rental/contracts';
import { backoffDelay, type EventOrigin, Outbox } from '@rental/messaging';
import { UnitOfWork } from '@rental/persistence';
import { err, type Result } from '@rental/result';
import type { EntityManager } from 'typeorm';
import type { DatacentreDriver, DriverFailure, DriverMachine, DriverResult } from '../domain/datacentre-driver';
import type { JobStepName } from '../domain/job-step';
import type { Machine, MachineEvent, MachineRejection, StepFailure } from '../domain/machine';
import type { RandomInt } from '../domain/root-password';
import { HostRepository } from '../infrastructure/host.repository';
import { IpPoolRepository } from '../infrastructure/ip-pool.repository';
import { MachineRepository } from '../infrastructure/machine.repository';
import { DATACENTRE_DRIVER, RANDOM_INT } from './provisioning.tokens';

/** The job runner's claim on a machine: who holds it, and how long each renewal lasts. */
export interface Lease {
  owner: string;
  ms: number;
}

type Target = { hostId: string; ipAddress: string };

/** What the job knows about its machine besides the machine itself. */
interface JobContext {
  /** The order.paid that asked for the machine: the job's events continue its trace. */
  origin: EventOrigin;
  /** Its allocation's host and its address; null once released. */
  target: Target | null;
}

/**
 * Runs one machine's provisioning job while its lease holds: attempt after attempt of allocate,
 * install image and boot through the datacentre driver, until the machine runs or the domain says
 * stop. Every step's outcome is stored, with the events it causes, in its own transaction; the
 * driver is never called inside one.
 */
@Injectable()
export class ProvisionMachineJob {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly machines: MachineRepository,
    private readonly hosts: HostRepository,
    private readonly pools: IpPoolRepository,
    private readonly outbox: Outbox,
    @Inject(DATACENTRE_DRIVER) private readonly driver: DatacentreDriver,
    @Inject(RANDOM_INT) private readonly randomInt: RandomInt,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Returns when the machine needs nothing more now, `stopping` says so, or another instance took
   * it over. On an error the lease is kept until it lapses: the machine is tried again then, not
   * in a tight loop.
   */
  async run(machineId: string, lease: Lease, stopping: () => boolean): Promise<void> {
    await this.work(machineId, lease, stopping);
    await this.unitOfWork.run((manager) => this.machines.releaseLease(manager, machineId, lease.owner));
  }

  private async work(machineId: string, lease: Lease, stopping: () => boolean): Promise<void> {
    const found = await this.unitOfWork.run((manager) => this.machines.load(manager, machineId));
    if (found === null) return;
    const { machine, target, origin } = found;
    const save = (events: MachineEvent[]) => this.save(machine, events, lease, { origin, target });

    const interrupted = machine.currentStep;
    if (interrupted !== null) {
      // A step was running when its instance stopped or lost the lease. Only that process knew the
      // attempt's password, and the step may or may not have landed: the attempt is failed and,
      // as the domain allows, tried again from the start.
      const failed = machine.failStep(interrupted, { reason: 'interrupted', retryable: true }, this.clock.now());
      if (!(await save(must(failed, machine.id)))) return;
    }
    while (machine.status === 'requested' && !stopping()) {
      if (target === null) throw new Error(`machine ${machine.id} has work left but no allocation or address`);
      // Give a flaky host or network a moment before the next attempt.
      if (machine.attempts > 0) await new Promise((resolve) => setTimeout(resolve, backoffDelay(machine.attempts)));
      const started = machine.startAttempt(target, this.clock.now(), this.randomInt);
      if (!(await save(must(started, machine.id)))) return;
      for (let step = machine.currentStep; step !== null; step = machine.currentStep) {
        const result = await this.perform(step, machine, target);
        const at = this.clock.now();
        const outcome = result.ok ? machine.completeStep(step, at) : machine.failStep(step, stepFailure(result.error), at);
        if (!(await save(must(outcome, machine.id)))) return;
      }
    }
  }

  private async perform(step: JobStepName, machine: Machine, target: Target): Promise<DriverResult> {
    const state = machine.snapshot();
    const subject: DriverMachine = {
      machineId: state.id,
      orderId: state.orderId,
      hostId: target.hostId,
      locationCode: state.locationCode,
      resources: state.resources,
      imageCode: state.imageCode,
      ipAddress: target.ipAddress,
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
        default:
          throw new Error(`step ${step} is not a provisioning step`);
      }
    } catch (error) {
      // A driver that throws instead of answering is treated like a flaky datacentre.
      return err({ reason: 'driver_error', retryable: true, detail: (error as Error).message });
    }
  }

  /**
   * Stores the machine with what its events cause, if the lease still holds. False: another
   * instance took the machine over, nothing was written and this job must stop.
   */
  private save(machine: Machine, events: MachineEvent[], lease: Lease, context: JobContext): Promise<boolean> {
    return this.unitOfWork.run(async (manager) => {
      if (!(await this.machines.saveLeased(manager, machine, lease.owner, lease.ms, this.clock.now()))) return false;
      for (const event of events) await this.apply(manager, event, machine, context);
      return true;
    });
  }

  private async apply(manager: EntityManager, event: MachineEvent, machine: Machine, context: JobContext): Promise<void> {
    const { origin } = context;
    switch (event.type) {
      case 'machine.provisioning-started':
        await this.outbox.record(manager, machineProvisioningStartedV1, event.orderId, {
          orderId: event.orderId,
          machineId: event.machineId,
          hostId: event.hostId,
          attempt: event.attempt,
          startedAt: event.at.toISOString(),
        }, origin);
        break;
      case 'machine.running':
        await this.outbox.record(manager, machineRunningV1, event.orderId, {
          orderId: event.orderId,
          machineId: event.machineId,
          hostname: event.hostname,
          ipAddress: event.ipAddress,
          // The one place the generated password is ever written: the event that shows it to the customer.
          access:
            event.credentials.kind === 'root_password'
              ? { method: 'password', rootPassword: event.credentials.rootPassword }
              : { method: 'ssh-key' },
          runningSince: event.at.toISOString(),
        }, origin);
        break;
      case 'machine.provisioning-failed':
        if (context.target !== null) await this.releaseCapacity(manager, machine, context.target, event.at);
        await this.outbox.record(manager, machineProvisioningFailedV1, event.orderId, {
          orderId: event.orderId,
          machineId: event.machineId,
          attempts: event.attempts,
          reason: `${event.step}: ${event.error}`,
          failedAt: event.at.toISOString(),
        }, origin);
        break;
      default:
        // Step outcomes are stored with the machine's steps; nobody outside needs them.
        break;
    }
  }

  /** Gives the failed machine's host share and address back, so the next order can have them. */
  private async releaseCapacity(manager: EntityManager, machine: Machine, target: Target, at: Date): Promise<void> {
    const [host] = await this.hosts.lockHosts(manager, [target.hostId]);
    const released = host.releaseAllocation(machine.id, at);
    if (released.ok) await this.hosts.record(manager, released.value);
    const pool = await this.pools.lock(manager, machine.snapshot().locationCode);
    const freed = pool.release(machine.id, at);
    if (freed.ok) await this.pools.record(manager, freed.value);
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
