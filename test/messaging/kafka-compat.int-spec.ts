import { smokeTestBroker } from '../../deploy/local/broker-smoke';
import { testBrokers, uniqueId } from '../support/isolation';

/** What the platform relies on from the broker, through kafkajs 2.2.4 (see README: Kafka version). */
describe('kafkajs against the broker', () => {
  it('creates a topic, produces idempotently, consumes in a group and commits offsets', async () => {
    const result = await smokeTestBroker(testBrokers(), `t${uniqueId()}.compat`, 8);
    expect(result.consumed).toBe(8);
    // A partition that received nothing reports -1 (no commit).
    const committed = Object.values(result.committed).reduce((sum, offset) => sum + Math.max(0, Number(offset)), 0);
    expect(committed).toBe(8);
  });
});
