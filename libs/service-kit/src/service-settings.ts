import { env, loadConfig } from '@rental/config';
import { type KafkaSecurity, MIN_INBOX_RETENTION_DAYS } from '@rental/messaging';
import type { BackoffPolicy } from '@rental/retry';
import { z } from 'zod';
import { checkKafkaSecurity, kafkaSecurityVariables, toKafkaSecurity } from './kafka-security-settings';
import { defaultDatabaseUrl, envPrefix, type ServiceName, SERVICES } from './services';

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';

export interface ServiceSettings {
  service: ServiceName;
  /** The address to listen on: 127.0.0.1 unless <SERVICE>_HOST opens it to a network. */
  host: string;
  /** 0: any free port; the bound one is logged ("listening on <host>:<port>"). */
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  logFormat: 'text' | 'json';
  /** Apply the database's migrations (under the lock) and exit: a deployment's migration step, no Kafka, no HTTP. */
  migrationsOnly: boolean;
  kafka: {
    brokers: string[];
    topicPrefix: string;
    partitions: number;
    /** TLS and SASL/SCRAM: how every client of the service connects and under which principal. */
    security: KafkaSecurity;
  };
  outbox: {
    pollIntervalMs: number;
    batchSize: number;
    retentionHours: number;
  };
  consumer: {
    concurrency: number;
    sessionTimeoutMs: number;
    handlerAttempts: number;
    /** The wait before a crashed consumer is rebuilt: doubling from the first, up to the most. */
    restartBackoff: BackoffPolicy;
  };
  retention: {
    /** Applied events' inbox rows; longer than the topics keep events (see MIN_INBOX_RETENTION_DAYS). */
    inboxDays: number;
    /** Fired durable timers, kept for inspection only. */
    firedTimerDays: number;
    purgeIntervalMs: number;
  };
}

/** Every service listens on this machine only unless told otherwise: a network is opened on purpose. */
export const DEFAULT_HOST = '127.0.0.1';

/** Reads and validates a service's environment; throws ConfigError naming every bad variable. */
export function loadServiceSettings(service: ServiceName, source: NodeJS.ProcessEnv = process.env): ServiceSettings {
  const p = envPrefix(service);
  const schema = z.object({
    [`${p}_HOST`]: env.listenHost(DEFAULT_HOST),
    [`${p}_PORT`]: env.listenPort(SERVICES[service].defaultPort),
    [`${p}_DATABASE_URL`]: env.postgresUrl(defaultDatabaseUrl(service)),
    DATABASE_POOL_SIZE: env.positiveInt(10),
    KAFKA_BROKERS: env.brokers(DEFAULT_KAFKA_BROKERS),
    KAFKA_TOPIC_PREFIX: env.topicPrefix(),
    KAFKA_PARTITIONS: env.positiveInt(3),
    LOG_LEVEL: env.logLevel(),
    LOG_FORMAT: z.enum(['text', 'json']).default('text'),
    MIGRATIONS_ONLY: z.enum(['true', 'false']).default('false'),
    OUTBOX_POLL_INTERVAL_MS: env.positiveInt(1_000),
    OUTBOX_BATCH_SIZE: env.positiveInt(500),
    OUTBOX_RETENTION_HOURS: env.positiveInt(72),
    CONSUMER_CONCURRENCY: env.positiveInt(3),
    CONSUMER_SESSION_TIMEOUT_MS: env.positiveInt(10_000),
    CONSUMER_HANDLER_ATTEMPTS: env.positiveInt(5),
    CONSUMER_RESTART_BACKOFF_MS: env.positiveInt(1_000),
    CONSUMER_RESTART_BACKOFF_MAX_MS: env.positiveInt(30_000),
    ...kafkaSecurityVariables,
    INBOX_RETENTION_DAYS: env
      .positiveInt(14)
      .refine(
        (days) => days >= MIN_INBOX_RETENTION_DAYS,
        `must be at least ${MIN_INBOX_RETENTION_DAYS}: longer than a topic keeps an event that could be delivered again`,
      ),
    FIRED_TIMER_RETENTION_DAYS: env.positiveInt(7),
    RETENTION_PURGE_INTERVAL_MINUTES: env.positiveInt(60),
  });
  const c = loadConfig(
    schema.superRefine((values, ctx) => checkKafkaSecurity(values as never, ctx)),
    source,
  ) as Record<string, unknown>;
  return {
    service,
    host: c[`${p}_HOST`] as string,
    port: c[`${p}_PORT`] as number,
    databaseUrl: c[`${p}_DATABASE_URL`] as string,
    databasePoolSize: c.DATABASE_POOL_SIZE as number,
    logLevel: c.LOG_LEVEL as ServiceSettings['logLevel'],
    logFormat: c.LOG_FORMAT as ServiceSettings['logFormat'],
    migrationsOnly: c.MIGRATIONS_ONLY === 'true',
    kafka: {
      brokers: c.KAFKA_BROKERS as string[],
      topicPrefix: c.KAFKA_TOPIC_PREFIX as string,
      partitions: c.KAFKA_PARTITIONS as number,
      security: toKafkaSecurity(c as never),
    },
    outbox: {
      pollIntervalMs: c.OUTBOX_POLL_INTERVAL_MS as number,
      batchSize: c.OUTBOX_BATCH_SIZE as number,
      retentionHours: c.OUTBOX_RETENTION_HOURS as number,
    },
    consumer: {
      concurrency: c.CONSUMER_CONCURRENCY as number,
      sessionTimeoutMs: c.CONSUMER_SESSION_TIMEOUT_MS as number,
      handlerAttempts: c.CONSUMER_HANDLER_ATTEMPTS as number,
      restartBackoff: {
        initialMs: c.CONSUMER_RESTART_BACKOFF_MS as number,
        // A maximum below the first delay means "always the first delay", not an error.
        maxMs: Math.max(c.CONSUMER_RESTART_BACKOFF_MS as number, c.CONSUMER_RESTART_BACKOFF_MAX_MS as number),
        jitter: 0.2,
      },
    },
    retention: {
      inboxDays: c.INBOX_RETENTION_DAYS as number,
      firedTimerDays: c.FIRED_TIMER_RETENTION_DAYS as number,
      purgeIntervalMs: (c.RETENTION_PURGE_INTERVAL_MINUTES as number) * 60_000,
    },
  };
}
