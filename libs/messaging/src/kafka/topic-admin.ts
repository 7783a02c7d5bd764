import type { Admin } from 'kafkajs';

/**
 * Creates the topics that are missing and waits until each partition has a leader. The broker
 * does not auto-create topics, and kafkajs cannot subscribe to a topic that does not exist yet.
 */
export async function ensureTopics(admin: Admin, topics: string[], partitions: number): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = [...new Set(topics)].filter((t) => !existing.has(t));
  if (missing.length > 0) {
    try {
      // Our own wait below, not kafkajs's: when several services create the same topics at once,
      // kafkajs's wait fails on the broker's passing "does not host this topic-partition".
      await admin.createTopics({
        waitForLeaders: false,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: -1 })),
      });
    } catch (error) {
      // Another service may have created some of them at the same moment; that is fine.
      if (!/already exists/i.test(String((error as Error).message)) && !hasOnlyTopicExists(error)) throw error;
    }
  }
  await waitForLeaders(admin, [...new Set(topics)]);
}

function hasOnlyTopicExists(error: unknown): boolean {
  const errors = (error as { errors?: { type?: string }[] }).errors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.type === 'TOPIC_ALREADY_EXISTS');
}

async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics have no leader after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
