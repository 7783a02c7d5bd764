import { randomUUID } from 'node:crypto';
import { deadLetterTopic, EnvelopeHeader } from '@rental/contracts';
import { DeadLetterHeader } from '@rental/messaging';
import type { ServiceName } from '@rental/service-kit';
import { testKafka } from './isolation';

export interface DeadLetterSeen {
  /** The service whose consumer set it aside. */
  service: ServiceName;
  eventId: string | undefined;
  reason: string;
  detail: string;
  originalTopic: string;
}

export interface DeadLetterWatch {
  letters(): DeadLetterSeen[];
  /** Resolves once `service` has dead-lettered the message with this ce_id (a fence: it was read and refused). */
  waitFor(service: ServiceName, eventId: string, timeoutMs?: number): Promise<DeadLetterSeen>;
  stop(): Promise<void>;
}

/** Reads the dead-letter topics of the given services from the beginning, as an operator's tool would. */
export async function watchDeadLetters(services: readonly ServiceName[], topicPrefix: string): Promise<DeadLetterWatch> {
  const byTopic = new Map(services.map((s) => [deadLetterTopic(s, topicPrefix), s]));
  const consumer = testKafka().consumer({ groupId: `dlq-watch-${randomUUID()}`, maxWaitTimeInMs: 100 });
  const seen: DeadLetterSeen[] = [];
  const text = (headers: Record<string, unknown> | undefined, name: string) => headers?.[name]?.toString();
  await consumer.connect();
  await consumer.subscribe({ topics: [...byTopic.keys()], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      seen.push({
        service: byTopic.get(topic)!,
        eventId: text(message.headers, EnvelopeHeader.id),
        reason: text(message.headers, DeadLetterHeader.reason) ?? '',
        detail: text(message.headers, DeadLetterHeader.detail) ?? '',
        originalTopic: text(message.headers, DeadLetterHeader.topic) ?? '',
      });
    },
  });
  return {
    letters: () => [...seen],
    waitFor: async (service, eventId, timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = seen.find((l) => l.service === service && l.eventId === eventId);
        if (found) return found;
        if (Date.now() > deadline) {
          throw new Error(`${service} did not dead-letter ${eventId} within ${timeoutMs} ms; dead letters: ${JSON.stringify(seen, null, 1).slice(0, 2_000)}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => consumer.disconnect(),
  };
}
