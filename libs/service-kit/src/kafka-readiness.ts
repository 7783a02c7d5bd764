import type { HealthIndicatorResult } from '@nestjs/terminus';

export interface KafkaReadiness {
  /** The parts that make the service unready when one is down. */
  decides: HealthIndicatorResult[];
  /** The parts that are only reported, in the body of an answer that may still be a success. */
  reported: HealthIndicatorResult;
}

/**
 * How the Kafka side counts in readiness. While the cluster answers, a consumer that is not a
 * member of its group is this instance's own trouble (it crashed, it is being rebuilt), and the
 * instance is not ready. While the cluster does not answer, the outbox keeps every event the
 * service commits, so the instance can still take requests: the outage is reported, not failed
 * on, and every instance is not taken out of the load balancer at once.
 */
export function kafkaReadiness(cluster: HealthIndicatorResult, consumer: HealthIndicatorResult): KafkaReadiness {
  const clusterAnswers = Object.values(cluster).every((part) => part.status === 'up');
  return clusterAnswers ? { decides: [cluster, consumer], reported: {} } : { decides: [], reported: { ...cluster, ...consumer } };
}
