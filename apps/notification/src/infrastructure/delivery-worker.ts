import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { backoffDelay, DEFAULT_BACKOFF } from '@rental/retry';
import { NotifiedLoop } from '@rental/persistence';
import { DataSource } from 'typeorm';
import { DeliveryDispatcher } from '../application/delivery-dispatcher';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notification-settings';
import { DeliveryRepository } from './delivery.repository';

/** The channel the notification_delivery insert trigger notifies at commit. */
const CHANNEL = 'notification_delivery';

/** Timers beyond this are not armed (setTimeout's limit is about 24.8 days); the poll covers them. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sends pending deliveries in the background, never inside an event's transaction.
 *
 * Woken three ways: by NOTIFY when a transaction that added deliveries commits (so a mail leaves
 * milliseconds after its event), by a timer set to the next retry's due time, and by a slow poll in
 * case a notification was lost. Each wake drains what is due with `concurrency` lanes; each lane
 * claims one delivery at a time with FOR UPDATE SKIP LOCKED, so lanes and other instances of the
 * service never send the same delivery at once.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private loop?: NotifiedLoop;
  private dueTimer?: NodeJS.Timeout;
  private consecutiveFailures = 0;

  constructor(
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly deliveries: DeliveryRepository,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.loop = new NotifiedLoop({
      dataSource: this.dataSource,
      channel: CHANNEL,
      pollIntervalMs: this.settings.delivery.pollIntervalMs,
      pass: () => this.sendDue(),
    });
    await this.loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.dueTimer);
    // A lane finishes the mail it is sending and commits its outcome before the pool closes.
    await this.loop?.stop();
  }

  private get stopped(): boolean {
    return this.loop?.isStopped ?? true;
  }

  /** Starts a pass now, or asks the running one to look again once it is done. */
  wake(): void {
    this.loop?.wake();
  }

  private async sendDue(): Promise<'more' | 'done'> {
    const lanes = Array.from({ length: this.settings.delivery.concurrency }, () => this.lane());
    if ((await Promise.all(lanes)).some((ok) => !ok)) {
      this.consecutiveFailures += 1;
      this.armDueTimer(backoffDelay(this.consecutiveFailures, DEFAULT_BACKOFF));
      return 'done';
    }
    this.consecutiveFailures = 0;
    await this.armForNextDue();
    return 'done';
  }

  /** Sends due deliveries one after another until none is left; false if the database failed it. */
  private async lane(): Promise<boolean> {
    while (!this.stopped) {
      try {
        if ((await this.dispatcher.dispatchNext()) === 'nothing-due') return true;
      } catch (error) {
        this.logger.warn(`sending deliveries failed, retrying soon: ${(error as Error).message}`);
        return false;
      }
    }
    return true;
  }

  /** Sleeps until the earliest scheduled retry instead of waiting for the next poll. */
  private async armForNextDue(): Promise<void> {
    if (this.stopped) return;
    try {
      const due = await this.deliveries.nextDueAt();
      if (due) this.armDueTimer(due.getTime() - this.clock.now().getTime());
    } catch (error) {
      this.logger.warn(`could not look up the next retry; the poll will find it: ${(error as Error).message}`);
    }
  }

  private armDueTimer(delayMs: number): void {
    if (this.stopped || delayMs > MAX_TIMER_MS) return;
    clearTimeout(this.dueTimer);
    this.dueTimer = setTimeout(() => this.wake(), Math.max(0, delayMs));
  }
}
