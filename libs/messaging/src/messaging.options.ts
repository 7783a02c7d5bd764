import type { EventRegistry } from '@rental/contracts';
import type { BackoffPolicy } from '@rental/retry';
import type { KafkaSecurity } from './kafka/kafka-client';

export interface MessagingOptions {
  /** The service's name: source of its events, its consumer group, its dead-letter topic. */
  service: string;
  brokers: string[];
  /** TLS and SASL of every client the service opens (consumer, relay, topic admin, health); plaintext when absent. */
  security?: KafkaSecurity;
  /** Prefix of every topic and consumer group name (see eventsTopic). */
  topicPrefix: string;
  /** Every event contract the service may publish or consume. */
  registry: EventRegistry;
  /** Partitions for topics this service creates when they are missing. */
  partitions: number;
  /** The relay polls the outbox this often when no NOTIFY arrives (a fallback only). */
  relayPollIntervalMs: number;
  relayBatchSize: number;
  /** Published outbox rows are kept this long for inspection, then purged. */
  outboxRetentionHours: number;
  /**
   * Inbox rows (the ids of events already applied) are kept this long, then purged. Longer than
   * the topics' retention: while an event is still on its topic, a consumer group reset can
   * deliver it again, and only its inbox row keeps it from being applied twice.
   */
  inboxRetentionDays: number;
  /** How often the retention purge runs (see RetentionPurge). */
  purgeIntervalMs: number;
  /**
   * How long the group waits for a silent member before handing its partitions to another.
   * Short, so that a crashed instance's partitions move on quickly; kafkajs heartbeats between
   * messages and during retry pauses.
   */
  sessionTimeoutMs: number;
  /** How many partitions one consumer works on at once. */
  consumerConcurrency: number;
  /** Attempts for a handler that fails with a non-transient error before it is dead-lettered. */
  handlerAttempts: number;
  backoff: BackoffPolicy;
  /** The wait before a crashed consumer is rebuilt (CONSUMER_RESTART_BACKOFF unless given). */
  consumerRestart?: BackoffPolicy;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

export const consumerGroupId = (options: Pick<MessagingOptions, 'service' | 'topicPrefix'>): string => `${options.topicPrefix}rental.${options.service}`;
