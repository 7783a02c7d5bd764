import { Injectable } from '@nestjs/common';
import { ApiError } from '@rental/service-kit';
import { OrderQueries } from '../../application/queries/order.queries';
import { OrderTimelineFeed } from '../../application/queries/order-timeline-feed';
import type { HttpResponse } from '../http/http-types';
import { presentTimelineEntry } from '../presenters/order.presenter';
import { StreamSlots } from './stream-slots';

const HEARTBEAT_MS = 15_000;

/** Whose order's timeline a client follows, through which API key, from where. */
export interface TimelineRequest {
  readonly customerId: string;
  readonly orderId: string;
  readonly apiKeyId: string;
  /** The Last-Event-ID header as sent: the seq of the last entry the client saw. */
  readonly lastEventId: string | undefined;
}

/**
 * One order's timeline as Server-Sent Events: `timeline` events with the entry seq as id, then an
 * `end` event with the final status once the feed says the order is finished. Holds one of the API
 * key's stream slots for as long as the connection lasts.
 */
@Injectable()
export class OrderTimelineStream {
  constructor(
    private readonly feed: OrderTimelineFeed,
    private readonly queries: OrderQueries,
    private readonly slots: StreamSlots,
  ) {}

  /** Streams until the order is finished, the client leaves or the gateway shuts down; 429 too_many_streams before a byte when the key holds all its slots. */
  async serve(request: TimelineRequest, response: HttpResponse): Promise<void> {
    const release = this.slots.take(request.apiKeyId);
    if (!release) {
      throw new ApiError(429, 'too_many_streams', 'This API key has as many live timelines open as it may; close one to open another');
    }
    const { lastEventId } = request;
    const after = lastEventId && /^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : 0;
    open(response);

    const clientLeft = new AbortController();
    response.on('close', () => {
      release();
      clientLeft.abort();
    });
    // Comments keep proxies from closing an idle stream.
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    try {
      const end = await this.feed.follow(
        request.orderId,
        after,
        (entry) => response.write(`id: ${entry.seq}\nevent: timeline\ndata: ${JSON.stringify(presentTimelineEntry(entry))}\n\n`),
        clientLeft.signal,
      );
      if (end === 'order_finished') {
        const final = await this.queries.find(request.customerId, request.orderId);
        response.write(`event: end\ndata: ${JSON.stringify({ status: final?.status })}\n\n`);
      }
    } finally {
      clearInterval(heartbeat);
      release();
      response.end();
    }
  }
}

/** The event-stream headers, sent at once so the client knows the stream is open before the first entry. */
function open(response: HttpResponse): void {
  response.status(200);
  response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache, no-transform');
  response.setHeader('Connection', 'keep-alive');
  response.setHeader('X-Accel-Buffering', 'no');
  response.flushHeaders();
}
