import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { CLOCK, type Clock, systemClock } from '@rental/clock';
import { EventConsumer } from './consumer/event-consumer';
import { FAULT_INJECTOR, type FaultInjector, noFaults } from './faults/fault-injector';
import { HandlerRegistry } from './handlers/handler-registry';
import { KafkaHealthIndicator } from './health/kafka-health.indicator';
import { KAFKA_CLIENT } from './kafka/kafka.tokens';
import { createKafkaClient } from './kafka/kafka-client';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options';
import { MessagingLifecycle } from './messaging-lifecycle';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './outbox/outbox-relay';
import { RetentionPurge } from './retention/retention-purge';

export interface MessagingModuleOptions extends MessagingOptions {
  clock?: Clock;
  faults?: FaultInjector;
}

/**
 * The platform's messaging backbone as one Nest module: the outbox to record events in a
 * command's transaction, the relay that publishes them, and the consumer that runs every
 * @HandleEvent method exactly once per event. Expects a TypeORM DataSource in the application.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingModuleOptions): DynamicModule {
    const { clock, faults, ...messaging } = options;
    const providers: Provider[] = [
      { provide: MESSAGING_OPTIONS, useValue: messaging },
      { provide: KAFKA_CLIENT, useValue: createKafkaClient(messaging.service, messaging.brokers, messaging.security) },
      { provide: CLOCK, useValue: clock ?? systemClock },
      { provide: FAULT_INJECTOR, useValue: faults ?? noFaults },
      HandlerRegistry,
      Outbox,
      OutboxRelay,
      EventConsumer,
      KafkaHealthIndicator,
      MessagingLifecycle,
      RetentionPurge,
    ];
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule, TerminusModule],
      providers,
      exports: [Outbox, KafkaHealthIndicator, CLOCK, KAFKA_CLIENT, MESSAGING_OPTIONS, RetentionPurge],
    };
  }
}
