import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { UnitOfWork } from '@rental/persistence';
import { MachineRepository } from '../infrastructure/machine.repository';
import { type ChannelSubscription, listenToChannel } from '@rental/persistence';
import { DataSource } from 'typeorm';
import { PROVISIONING_SETTINGS, type ProvisioningSettings } from '../provisioning-settings';
import { type Lease, ProvisionMachineJob } from './provision-machine.job';

/** The channel the machines table's insert trigger notifies at commit. */
const JOBS_CHANNEL = 'provisioning_jobs';

/**
 * Runs provisioning jobs outside any event's transaction. Woken by NOTIFY as soon as new machines
 * commit, by each finished job, and by a slow poll that covers lost notifications, retries after
 * errors and machines whose instance died (their lease lapses). Up to `concurrency` machines at a
 * time, one job per machine across all instances: claims use FOR UPDATE SKIP LOCKED and a lease.
 */
@Injectable()
export class ProvisioningJobRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProvisioningJobRunner.name);
  private readonly lease: Lease;
  private readonly active = new Map<string, Promise<void>>();
  private subscription?: ChannelSubscription;
  private pollTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private stopped = true;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly machines: MachineRepository,
    private readonly job: ProvisionMachineJob,
    private readonly dataSource: DataSource,
    @Inject(PROVISIONING_SETTINGS) private readonly settings: ProvisioningSettings,
  ) {
    this.lease = { owner: randomUUID(), ms: settings.jobs.leaseMs };
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stopped = false;
    this.subscription = await listenToChannel(this.dataSource, JOBS_CHANNEL, () => this.wake());
    this.pollTimer = setInterval(() => this.wake(), this.settings.jobs.pollIntervalMs);
    this.pollTimer.unref();
    this.wake(); // machines left over from before a restart
  }

  /** Lets running jobs finish their current attempt (they start no new one), then lets go of their machines. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    await this.subscription?.close();
    await this.draining;
    await Promise.all(this.active.values());
  }

  /** Claims work now, or asks the claim in progress to look again once it is done. */
  wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  private async drain(): Promise<void> {
    do {
      this.wakeAgain = false;
      const free = this.settings.jobs.concurrency - this.active.size;
      if (free <= 0) return; // a finishing job wakes us
      let claimed: string[];
      try {
        claimed = await this.unitOfWork.run((manager) => this.machines.claim(manager, this.lease.owner, free, this.lease.ms));
      } catch (error) {
        this.logger.warn(`claiming provisioning jobs failed, the poll retries: ${(error as Error).message}`);
        return;
      }
      for (const machineId of claimed) this.start(machineId);
      if (claimed.length === free) this.wakeAgain = true; // there may be more
    } while (this.wakeAgain && !this.stopped);
  }

  private start(machineId: string): void {
    const running = this.job
      .run(machineId, this.lease, () => this.stopped)
      .catch((error: Error) =>
        this.logger.warn(`provisioning machine ${machineId} stopped, retried once its lease lapses: ${error.stack ?? error.message}`),
      )
      .finally(() => {
        this.active.delete(machineId);
        this.wake();
      });
    this.active.set(machineId, running);
  }
}
