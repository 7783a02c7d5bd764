import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { writableTopics } from '@rental/contracts';
import { Kafka } from 'kafkajs';
import { EventConsumer } from './consumer/event-consumer';
import { KAFKA_CLIENT } from './kafka/kafka.tokens';
import { ensureTopics } from './kafka/topic-admin';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox/outbox-relay';

/**
 * Starts messaging once every module is ready (topics, then relay, then consumer) and stops it
 * before the database connections close, so no in-flight work loses its transaction.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Messaging');

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly relay: OutboxRelay,
    private readonly consumer: EventConsumer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { service, topicPrefix, partitions, registry } = this.options;
    // The topics this service writes (its facts, its dead letters, the commands it may send, so a
    // command can wait for an owner that never started) and reads: the broker creates none on demand.
    // Exactly the topics its ACLs name, so on a secured cluster, where the operator created them,
    // it finds them all and creates nothing.
    const topics = [...writableTopics(service, registry.definitions, topicPrefix), ...this.consumer.subscribedTopics()];
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, topics, partitions);
    } finally {
      await admin.disconnect();
    }
    await this.relay.start();
    await this.consumer.start();
    this.logger.log(`messaging started for ${service}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.relay.stop();
    this.logger.log('messaging stopped');
  }
}
