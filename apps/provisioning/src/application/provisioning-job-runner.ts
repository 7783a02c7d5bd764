import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { NotifiedLoop, UnitOfWork } from '@rental/persistence';
import { DataSource } from 'typeorm';
import { JOBS_CHANNEL, MachineRepository } from '../infrastructure/machine.repository';
import { PROVISIONING_SETTINGS, type ProvisioningSettings } from '../provisioning-settings';
import { type Lease, MachineJob } from './machine.job';

/**
 * Runs machine jobs (provisioning and taking back) outside any event's transaction. Woken by
 * NOTIFY as soon as new machines commit or an order asks for its machines back, by each finished
 * job, at the time a retry is due, and by a slow poll that covers lost notifications, retries
 * after errors and machines whose instance died (their lease lapses). Up to `concurrency` machines
 * at a time, one job per machine across all instances: claims use FOR UPDATE SKIP LOCKED and a
 * lease. A retry's time is in the database, so any instance runs it if this one is gone.
 */
@Injectable()
export class ProvisioningJobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProvisioningJobRunner.name);
  private readonly lease: Lease;
  private readonly active = new Map<string, Promise<void>>();
  private loop?: NotifiedLoop;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly machines: MachineRepository,
    private readonly job: MachineJob,
    private readonly dataSource: DataSource,
    @Inject(PROVISIONING_SETTINGS) private readonly settings: ProvisioningSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.lease = { owner: randomUUID(), ms: settings.jobs.leaseMs };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.loop = new NotifiedLoop({
      name: ProvisioningJobRunner.name,
      dataSource: this.dataSource,
      channel: JOBS_CHANNEL,
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
    const claimed = await this.unitOfWork.run((manager) =>
      this.machines.claim(manager, this.lease.owner, free, this.lease.ms, this.clock.now()),
    );
    for (const machineId of claimed) this.start(machineId);
    return claimed.length === free ? 'more' : 'done';
  }

  private start(machineId: string): void {
    const running = this.job
      .run(machineId, this.lease, () => this.loop?.isStopped ?? true)
      .then((retryAt) => {
        if (retryAt !== null) this.loop?.wakeAt(retryAt);
      })
      .catch((error: Error) =>
        this.logger.warn(`machine job ${machineId} stopped, retried once its lease lapses: ${error.stack ?? error.message}`),
      )
      .finally(() => {
        this.active.delete(machineId);
        this.loop?.wake();
      });
    this.active.set(machineId, running);
  }
}
