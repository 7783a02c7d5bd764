import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { type Admin, Kafka } from 'kafkajs';
import { EventConsumer } from '../consumer/event-consumer';
import { KAFKA_CLIENT } from '../kafka/kafka.tokens';

/**
 * The Kafka side of readiness: whether the cluster answers, and whether this service's consumer
 * is a member of its group. One admin connection serves every probe: opening one per probe (every
 * few seconds, from every instance) would churn connections on the brokers; a connection that
 * failed is dropped and opened afresh by the next probe.
 */
@Injectable()
export class KafkaHealthIndicator implements OnApplicationShutdown {
  private admin?: Promise<Admin>;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly health: HealthIndicatorService,
    private readonly consumer: EventConsumer,
  ) {}

  /** Up while a broker answers a metadata request within the timeout. */
  async isHealthy(key = 'kafka', timeoutMs = 2_000): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      const cluster = await Promise.race([this.connectedAdmin().then((admin) => admin.describeCluster()), timeout]);
      return indicator.up({ brokers: cluster.brokers.length, controller: cluster.controller });
    } catch (error) {
      await this.dropAdmin();
      return indicator.down({ message: (error as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Up while the consumer is a member of its group (or re-joining it in a rebalance), or when the
   * service consumes nothing; down while it is starting, crashed and waiting to be rebuilt, or stopped.
   */
  consumerIsMember(key = 'consumer'): HealthIndicatorResult {
    const indicator = this.health.check(key);
    const liveness = this.consumer.liveness();
    if (liveness === undefined) return indicator.up({ membership: 'none: consumes nothing' });
    const { membership, since, ...rest } = liveness;
    const details = { membership, since: since.toISOString(), ...rest };
    if (membership === 'member' || membership === 'rebalancing') return indicator.up(details);
    return indicator.down({ message: `${liveness.group} is not a member of its group (${membership})`, ...details });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.dropAdmin();
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const admin = this.kafka.admin({ retry: { retries: 0 } });
      await admin.connect().catch(async (error: unknown) => {
        await admin.disconnect().catch(() => undefined);
        throw error;
      });
      return admin;
    })();
    return this.admin;
  }

  private async dropAdmin(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((connected) => connected.disconnect()).catch(() => undefined);
  }
}
