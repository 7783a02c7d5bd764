import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { backoffDelay, DEFAULT_BACKOFF } from '@rental/messaging';
import { type ChannelSubscription, listenToChannel } from '@rental/persistence';
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
  private listener?: ChannelSubscription;
  private pollTimer?: NodeJS.Timeout;
  private dueTimer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private stopped = true;
  private consecutiveFailures = 0;

  constructor(
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly deliveries: DeliveryRepository,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stopped = false;
    this.listener = await listenToChannel(this.dataSource, CHANNEL, () => this.wake());
    this.pollTimer = setInterval(() => this.wake(), this.settings.delivery.pollIntervalMs);
    this.wake();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.dueTimer);
    // A lane finishes the mail it is sending and commits its outcome before the pool closes.
    await this.draining;
    await this.listener?.close();
  }

  /** Starts a drain, or asks the running one to look again once it is done. */
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
      const lanes = Array.from({ length: this.settings.delivery.concurrency }, () => this.lane());
      const failed = (await Promise.all(lanes)).some((ok) => !ok);
      if (failed) {
        this.consecutiveFailures += 1;
        this.armDueTimer(backoffDelay(this.consecutiveFailures, DEFAULT_BACKOFF));
        return;
      }
      this.consecutiveFailures = 0;
    } while (this.wakeAgain && !this.stopped);
    await this.armForNextDue();
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
