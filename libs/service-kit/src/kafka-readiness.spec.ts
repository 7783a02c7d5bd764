import { kafkaReadiness } from './kafka-readiness';

describe('kafkaReadiness', () => {
  const clusterUp = { kafka: { status: 'up' as const, brokers: 3 } };
  const clusterDown = { kafka: { status: 'down' as const, message: 'no answer within 2000 ms' } };
  const member = { consumer: { status: 'up' as const, membership: 'member' } };
  const crashed = { consumer: { status: 'down' as const, membership: 'crashed' } };

  it('counts the cluster and the consumer while the cluster answers', () => {
    expect(kafkaReadiness(clusterUp, member)).toEqual({ decides: [clusterUp, member], reported: {} });
  });

  it('makes the instance unready when its consumer is not a member of a group the cluster keeps', () => {
    const { decides } = kafkaReadiness(clusterUp, crashed);
    expect(decides.some((part) => Object.values(part).some((p) => p.status === 'down'))).toBe(true);
  });

  it('only reports a cluster that does not answer, and the consumer it cost its membership', () => {
    const notMember = { consumer: { status: 'down' as const, membership: 'crashed' } };
    expect(kafkaReadiness(clusterDown, notMember)).toEqual({ decides: [], reported: { ...clusterDown, ...notMember } });
  });
});
