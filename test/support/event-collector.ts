import { randomUUID } from 'node:crypto';
import { decodeMessage, type EventEnvelope, platformRegistry } from '@rental/contracts';
import { testKafka } from './isolation';

export interface EventCollector {
  /** Every valid platform event seen so far on the topics, in arrival order. */
  events(): EventEnvelope[];
  /** Every event of `type` seen so far. */
  all<T = unknown>(type: string): EventEnvelope<T>[];
  /** Resolves with the first event (seen or to come) that matches. */
  waitFor<T = unknown>(type: string, match?: (event: EventEnvelope<T>) => boolean, timeoutMs?: number): Promise<EventEnvelope<T>>;
  stop(): Promise<void>;
}

/** Reads topics from the beginning, as another service would, decoding with the platform's contracts. */
export async function collectEvents(topics: string[]): Promise<EventCollector> {
  const consumer = testKafka().consumer({ groupId: `collector-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const seen: EventEnvelope[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const decoded = decodeMessage({ key: message.key, value: message.value, headers: message.headers ?? {} }, platformRegistry);
      if (decoded.ok) seen.push(decoded.envelope);
    },
  });
  return {
    events: () => [...seen],
    all: <T>(type: string) => seen.filter((e) => e.type === type) as EventEnvelope<T>[],
    waitFor: async <T>(type: string, match: (event: EventEnvelope<T>) => boolean = () => true, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = seen.find((e) => e.type === type && match(e as EventEnvelope<T>));
        if (found) return found as EventEnvelope<T>;
        if (Date.now() > deadline) {
          throw new Error(`no ${type} within ${timeoutMs} ms; seen: ${seen.map((e) => e.type).join(', ') || 'nothing'}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => consumer.disconnect(),
  };
}
