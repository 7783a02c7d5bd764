import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface ReadMessage {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/**
 * Every message on the given topics up to their end at the moment of the call, without moving any
 * consumer group's offsets: kafkajs reads only through a group, so this one is throw-away (its own
 * id, never committed to) and deleted afterwards. An operator's look must not consume anything away.
 * Topics that do not exist read as empty.
 */
export async function readTopicsToEnd(kafka: Kafka, topics: string[], timeoutMs = 30_000): Promise<ReadMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `ops-reader-${randomUUID()}`;
  try {
    const existing = new Set(await admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    // What is left to read per topic-partition: from the low to the high watermark as they are now.
    const remaining = new Map<string, bigint>();
    for (const topic of present) {
      for (const p of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(p.high) > BigInt(p.low)) remaining.set(`${topic}:${p.partition}`, BigInt(p.high) - 1n);
      }
    }
    if (remaining.size === 0) return [];
    const read: ReadMessage[] = [];
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...new Set([...remaining.keys()].map((k) => k.slice(0, k.lastIndexOf(':'))))], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`could not read ${[...remaining.keys()].join(', ')} to the end within ${timeoutMs} ms`)), timeoutMs);
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              const key = `${topic}:${partition}`;
              const last = remaining.get(key);
              if (last === undefined || BigInt(message.offset) > last) return;
              read.push({ topic, partition, message });
              if (BigInt(message.offset) === last) remaining.delete(key);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return read.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(BigInt(a.message.offset) - BigInt(b.message.offset)));
  } finally {
    // Nothing was committed, so the group has nothing to keep; removing it keeps `status` free of readers.
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
