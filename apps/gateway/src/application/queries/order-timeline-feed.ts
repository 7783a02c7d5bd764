import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { isTerminalOrderStatus } from '../../domain/order-status';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../../gateway-settings';
import type { OrderTimelineEntry } from '../ports/order-read-model';
import { ReadModelChanges } from '../ports/read-model-changes';
import { OrderQueries } from './order.queries';

export type FeedEnd = 'order_finished' | 'client_left' | 'shutting_down';

/**
 * A live view of one order's timeline: the entries after a position, then each new one as its
 * event is applied, until the rental has reached a terminal status and its settlement has gone
 * quiet (no new entry for feedLingerMs). Woken by the read-model signal, with a slower poll behind it.
 */
@Injectable()
export class OrderTimelineFeed implements BeforeApplicationShutdown {
  private stopping = false;
  private readonly running = new Set<{ done: Promise<FeedEnd>; stop: () => void }>();

  constructor(
    private readonly queries: OrderQueries,
    private readonly changes: ReadModelChanges,
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  follow(orderId: string, afterSeq: number, emit: (entry: OrderTimelineEntry) => void, clientLeft: AbortSignal): Promise<FeedEnd> {
    const watch = this.changes.watch(orderId);
    let stopped = false;
    const stop = () => {
      stopped = true;
      watch.close();
    };
    clientLeft.addEventListener('abort', stop, { once: true });
    const run = async (): Promise<FeedEnd> => {
      let cursor = afterSeq;
      const send = async () => {
        for (const entry of await this.queries.timelineAfter(orderId, cursor)) {
          emit(entry);
          cursor = entry.seq;
        }
      };
      try {
        while (!stopped && !this.stopping) {
          await send();
          const state = await this.queries.feedState(orderId);
          let wait = this.settings.feedPollMs;
          if (state && isTerminalOrderStatus(state.status)) {
            const left = this.settings.feedLingerMs - (state.quietForMs ?? Number.POSITIVE_INFINITY);
            if (left <= 0) {
              // An entry may have committed since the last look: read once more so it is not lost.
              await send();
              return 'order_finished';
            }
            wait = Math.min(wait, left);
          }
          await watch.next(wait);
        }
        return this.stopping ? 'shutting_down' : 'client_left';
      } finally {
        clientLeft.removeEventListener('abort', stop);
        watch.close();
      }
    };
    const feed = { done: run(), stop };
    this.running.add(feed);
    void feed.done.finally(() => this.running.delete(feed)).catch(() => undefined);
    return feed.done;
  }

  /** Open streams would keep the HTTP server from closing and outlive the database: end them first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const feeds = [...this.running];
    for (const feed of feeds) feed.stop();
    await Promise.allSettled(feeds.map((f) => f.done));
  }
}
