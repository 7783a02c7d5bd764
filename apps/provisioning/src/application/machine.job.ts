import { Inject, Injectable } from '@nestjs/common';
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
import { UnitOfWork } from '@rental/persistence';
import { err, type Result } from '@rental/result';
import { sealSecret } from '@rental/secrets';
import type { EntityManager } from 'typeorm';
import type { DatacentreDriver, DriverFailure, DriverMachine, DriverResult } from '../domain/datacentre-driver';
import type { JobStepName } from '../domain/job-step';
import type { Machine, StepFailure } from '../domain/machine';
import type { MachineEvent, MachineRejection } from '../domain/machine-events';
import { chooseRetryHost } from '../domain/placement';
import type { RandomInt } from '../domain/root-password';
import { HostRepository } from '../infrastructure/host.repository';
import { IpPoolRepository } from '../infrastructure/ip-pool.repository';
import { MachineRepository } from '../infrastructure/machine.repository';
import { PROVISIONING_SETTINGS, type ProvisioningSettings } from '../provisioning-settings';
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

const INTERRUPTED: StepFailure = { reason: 'interrupted', retryable: true };

/**
 * Runs one machine's job while its lease holds: attempts of allocate, install image and boot
 * through the datacentre driver until the machine runs or the domain says stop, and, once the
 * order is cancelled or over, stop, wipe and destroy. Every step's outcome is stored, with the
 * events it causes, in its own transaction, decided under the machine's row lock together with
 * any request to take the machine back; the driver is never called inside a transaction.
 */
@Injectable()
export class MachineJob {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly machines: MachineRepository,
    private readonly hosts: HostRepository,
    private readonly pools: IpPoolRepository,
    private readonly outbox: Outbox,
    @Inject(DATACENTRE_DRIVER) private readonly driver: DatacentreDriver,
    @Inject(RANDOM_INT) private readonly randomInt: RandomInt,
    @Inject(PROVISIONING_SETTINGS) private readonly settings: ProvisioningSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Returns when the machine needs nothing more now, `stopping` says so between steps, or another
   * instance took it over; with the time its next attempt is due, when it waits for one. On an
   * error the lease is kept until it lapses: the machine is tried again then, not in a tight loop.
   */
  async run(machineId: string, lease: Lease, stopping: () => boolean): Promise<Date | null> {
    const retryAt = await this.work(machineId, lease, stopping);
    await this.unitOfWork.run((manager) => this.machines.releaseLease(manager, machineId, lease.owner));
    return retryAt;
  }

  private async work(machineId: string, lease: Lease, stopping: () => boolean): Promise<Date | null> {
    const found = await this.unitOfWork.run((manager) => this.machines.load(manager, machineId));
    if (found === null) return null;
    const { machine } = found;
    const context: JobContext = { origin: found.origin, target: found.target };
    const save = (decide: (at: Date) => MachineEvent[]) => this.save(machine, decide, lease, context);
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
      const step = machine.currentStep;
      if (step !== null) {
        const result = await this.perform(step, machine);
        const outcome = (at: Date) =>
          must(result.ok ? machine.completeStep(step, at) : machine.failStep(step, stepFailure(result.error), at, policy), machine.id);
        if (!(await save(outcome))) return null;
        continue;
      }
      if (stopping()) return null;
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
      const started = await save((at) =>
        machine.deprovisionReason === null ? must(machine.startAttempt(target, at, this.randomInt), machine.id) : [],
      );
      if (!started) return null;
    }
  }

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
  private save(machine: Machine, decide: (at: Date) => MachineEvent[], lease: Lease, context: JobContext): Promise<boolean> {
    return this.unitOfWork.run(async (manager) => {
      const leased = await this.machines.lockLeased(manager, machine.id, lease.owner);
      if (leased === undefined) return false;
      const at = this.clock.now();
      const events: MachineEvent[] = [];
      if (leased.deprovisionReason !== null && machine.deprovisionReason === null) {
        events.push(...machine.deprovision(leased.deprovisionReason, at));
      }
      events.push(...decide(at));
      await this.machines.saveLeased(manager, machine, lease.owner, lease.ms, at);
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
        await this.outbox.record(manager, machineRunningV2, event.orderId, {
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
        }, origin);
        break;
      case 'machine.retry-scheduled': {
        const moved = await this.moveAway(manager, machine, context, event.at);
        await this.outbox.record(manager, machineProvisioningRetriedV1, event.orderId, {
          orderId: event.orderId,
          machineId: event.machineId,
          failedAttempt: event.failedAttempt,
          reason: `${event.step}: ${event.error}`,
          movedToAnotherHost: moved,
          nextAttemptAt: event.nextAttemptAt.toISOString(),
        }, origin);
        break;
      }
      case 'machine.provisioning-failed':
        await this.releaseCapacity(manager, machine, context, event.at);
        await this.outbox.record(manager, machineProvisioningFailedV1, event.orderId, {
          orderId: event.orderId,
          machineId: event.machineId,
          attempts: event.attempts,
          reason: `${event.step}: ${event.error}`,
          failedAt: event.at.toISOString(),
        }, origin);
        break;
      case 'machine.deprovisioned': {
        const address = await this.releaseCapacity(manager, machine, context, event.at);
        await this.outbox.record(manager, machineDeprovisionedV1, event.orderId, {
          orderId: event.orderId,
          machineId: event.machineId,
          hostname: event.hostname,
          ...(address === undefined ? {} : { ipAddress: address }),
          reason: event.reason,
          wasDelivered: event.wasDelivered,
          deprovisionedAt: event.at.toISOString(),
        }, origin);
        break;
      }
      default:
        // Step outcomes are stored with the machine's steps; nobody outside needs them.
        break;
    }
  }

  /**
   * Moves the machine's allocation to the best-fitting host of its location on which it has not
   * failed yet, if one has the room for the rest of its rental; otherwise it stays where it is.
   * Its address stays the same.
   */
  private async moveAway(manager: EntityManager, machine: Machine, context: JobContext, at: Date): Promise<boolean> {
    const target = context.target;
    if (target === null) throw new Error(`machine ${machine.id} is to be retried, but has no allocation or address`);
    const state = machine.snapshot();
    const hosts = await this.hosts.lockLocation(manager, state.locationCode);
    const current = hosts.find((host) => host.id === target.hostId);
    const allocation = current?.snapshot().allocations.find((candidate) => candidate.machineId === machine.id);
    if (current === undefined || allocation === undefined) throw new Error(`machine ${machine.id} has no allocation on host ${target.hostId}`);
    // The rental's whole interval: the part already past adds nothing, since whatever occupied a host then is either gone or still there.
    const { occupies } = allocation;
    const hostId = chooseRetryHost(
      hosts.map((host) => host.placementCandidate(occupies, at)),
      { locationCode: state.locationCode, resources: state.resources, failedHostIds: machine.failedHostIds },
    );
    if (hostId === null || hostId === target.hostId) return false;
    // Placement just chose `hostId` among these hosts for what is free on it, and the allocation is
    // the job's own on a host of the same location: a refusal is a bug.
    const out = current.releaseAllocation(machine.id, at);
    const into = hosts
      .find((host) => host.id === hostId)
      ?.moveIn({ machineId: machine.id, orderId: state.orderId, resources: state.resources, occupies }, at);
    if (!out.ok || !into?.ok) {
      throw new Error(`machine ${machine.id} could not move from host ${target.hostId} to ${hostId}: ${JSON.stringify([out, into])}`);
    }
    await this.hosts.record(manager, [...out.value, ...into.value]);
    context.target = { hostId, ipAddress: target.ipAddress };
    return true;
  }

  /** Gives the machine's host share and address back, so the next order can have them; the address freed, if any. */
  private async releaseCapacity(manager: EntityManager, machine: Machine, context: JobContext, at: Date): Promise<string | undefined> {
    context.target = null;
    const hostId = await this.hosts.hostOfMachine(manager, machine.id);
    if (hostId !== null) {
      const [host] = await this.hosts.lockHosts(manager, [hostId]);
      const released = host.releaseAllocation(machine.id, at);
      if (released.ok) await this.hosts.record(manager, released.value);
    }
    const pool = await this.pools.lock(manager, machine.snapshot().locationCode);
    const freed = pool.release(machine.id, at);
    if (!freed.ok) return undefined;
    await this.pools.record(manager, freed.value);
    return freed.value.find((event) => event.type === 'ip-pool.address-released')?.address;
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
