import { ensureTopics } from '@rental/messaging';
import { deleteTopics, testKafka, uniqueId } from '../support/isolation';

/** Five services starting at once all create the platform's topics; every one of them must succeed. */
describe('creating the same topics from several services at once', () => {
  const prefix = `t${uniqueId()}.`;

  afterAll(() => deleteTopics(prefix));

  it('succeeds everywhere and leaves every partition with a leader', async () => {
    const topics = Array.from({ length: 12 }, (_, i) => `${prefix}rental.race-${i}.events.v1`);
    const admins = Array.from({ length: 5 }, () => testKafka().admin());
    await Promise.all(admins.map((a) => a.connect()));
    try {
      const outcomes = await Promise.allSettled(admins.map((admin) => ensureTopics(admin, topics, 3)));
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      const { topics: metadata } = await admins[0].fetchTopicMetadata({ topics });
      expect(metadata).toHaveLength(topics.length);
      for (const topic of metadata) {
        expect(topic.partitions).toHaveLength(3);
        expect(topic.partitions.every((p) => p.leader >= 0)).toBe(true);
      }
    } finally {
      await Promise.all(admins.map((a) => a.disconnect()));
    }
  });
});
