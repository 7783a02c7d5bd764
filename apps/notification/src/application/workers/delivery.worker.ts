import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { NotifiedLoop, type WorkNotices } from '@rental/persistence';
import { DEFAULT_BACKOFF } from '@rental/retry';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../../notification-settings';
import { DELIVERY_NOTICES } from '../ports/delivery-notices';
import { DeliveryStore } from '../ports/delivery-store';
import { DeliveryDispatcher } from './delivery-dispatcher';

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
  private loop?: NotifiedLoop;

  constructor(
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly deliveries: DeliveryStore,
    @Inject(DELIVERY_NOTICES) private readonly notices: WorkNotices,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const loop: NotifiedLoop = new NotifiedLoop({
      name: DeliveryWorker.name,
      dataSource: this.notices.dataSource,
      channel: this.notices.channel,
      pollIntervalMs: this.settings.delivery.pollIntervalMs,
      clock: this.clock,
      pass: () =>
        loop.drain(async () => (await this.dispatcher.dispatchNext()) !== 'nothing-due', {
          lanes: this.settings.delivery.concurrency,
        }),
      // The database failed a pass: try again soon, not at the (slow) poll.
      retry: DEFAULT_BACKOFF,
      nextDueAt: () => this.deliveries.nextDueAt(),
    });
    this.loop = loop;
    await loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    // A lane finishes the mail it is sending and commits its outcome before the pool closes.
    await this.loop?.stop();
  }

  /** Starts a pass now, or asks the running one to look again once it is done. */
  wake(): void {
    this.loop?.wake();
  }
}
