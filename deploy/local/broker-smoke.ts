import { Kafka, type KafkaConfig, logLevel, Partitioners } from 'kafkajs';

export interface SmokeResult {
  produced: number;
  consumed: number;
  committed: Record<number, string>;
}

/**
 * Exercises what the platform needs from a broker through kafkajs: create a topic and wait for
 * its leaders, produce with the idempotent producer (acks=all), consume in a group, commit offsets
 * by hand and read them back. Doubles as the warm-up after a cold start, so the group and
 * producer-id coordinators are loaded before any service connects.
 */
export async function smokeTestBroker(
  brokers: string[],
  topic: string,
  messages = 6,
  /** On a secured broker: TLS, and SASL as the super user. */
  security: Pick<KafkaConfig, 'ssl' | 'sasl'> = {},
): Promise<SmokeResult> {
  const kafka = new Kafka({ clientId: 'rental-broker-smoke', brokers, ...security, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const groupId = `${topic}.group`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  try {
    await admin.connect();
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 2, replicationFactor: 1 }] });
    }
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: Array.from({ length: messages }, (_, i) => ({ key: `k${i % 2}`, value: `m${i}` })),
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    // Distinct records, not deliveries: a rebalance may deliver one twice.
    const seen = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('consumer did not receive the messages within 30 s')), 30_000);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
          seen.add(`${partition}:${message.offset}`);
          if (seen.size >= messages) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.stop();
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed: Record<number, string> = {};
    for (const p of offsets.partitions) committed[p.partition] = p.offset;
    return { produced: messages, consumed: seen.size, committed };
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await producer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
