import { randomUUID } from 'node:crypto';
import { allowedSenders, encodeEnvelope, type EventDefinition, type EventEnvelope } from '@rental/contracts';
import { type IHeaders, type KafkaMessage, Partitioners } from 'kafkajs';
import { testKafka } from './isolation';

export interface RawMessage {
  key: string | null;
  value: string | null;
  headers: IHeaders;
}

/** A valid message for a definition, as its owner (or, for a command, its first allowed sender) would publish it. */
export function envelopeMessage(definition: EventDefinition, key: string, payload: unknown, overrides: Partial<EventEnvelope> = {}): RawMessage {
  const envelope: EventEnvelope = {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    source: allowedSenders(definition)[0],
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    key,
    payload,
    ...overrides,
  };
  return encodeEnvelope(envelope);
}

export async function produceRaw(topic: string, messages: RawMessage[]): Promise<void> {
  const producer = testKafka().producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages });
  } finally {
    await producer.disconnect();
  }
}

/** Every message currently on a topic, read with a throw-away consumer group. */
export async function readAll(topic: string, expected: number, timeoutMs = 30_000): Promise<KafkaMessage[]> {
  const consumer = testKafka().consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 200 });
  const seen: KafkaMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`read ${seen.length} of ${expected} messages from ${topic}`)), timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          seen.push(message);
          if (seen.length >= expected) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    return seen;
  } finally {
    await consumer.disconnect();
  }
}

/** Sum of the end offsets of a topic's partitions: how many records it holds in all. */
export async function topicSize(topic: string): Promise<number> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  } finally {
    await admin.disconnect();
  }
}
