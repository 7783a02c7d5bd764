import { env, loadConfig } from '@rental/config';
import type { KafkaSecurity } from '@rental/messaging';
import { z } from 'zod';
import { checkKafkaSecurity, kafkaSecurityVariables, toKafkaSecurity } from './kafka-security-config';
import { defaultDatabaseUrl, envPrefix, type ServiceName, SERVICES } from './services';

export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';

export interface ServiceConfig {
  service: ServiceName;
  /** 0: any free port; the bound one is logged ("listening on :<port>"). */
  port: number;
  databaseUrl: string;
  databasePoolSize: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  logFormat: 'text' | 'json';
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
  };
}

/** Reads and validates a service's environment; throws ConfigError naming every bad variable. */
export function loadServiceConfig(service: ServiceName, source: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const p = envPrefix(service);
  const schema = z.object({
    [`${p}_PORT`]: env.listenPort(SERVICES[service].defaultPort),
    [`${p}_DATABASE_URL`]: env.postgresUrl(defaultDatabaseUrl(service)),
    DATABASE_POOL_SIZE: env.positiveInt(10),
    KAFKA_BROKERS: env.brokers(DEFAULT_KAFKA_BROKERS),
    KAFKA_TOPIC_PREFIX: env.topicPrefix(),
    KAFKA_PARTITIONS: env.positiveInt(3),
    LOG_LEVEL: env.logLevel(),
    LOG_FORMAT: z.enum(['text', 'json']).default('text'),
    OUTBOX_POLL_INTERVAL_MS: env.positiveInt(1_000),
    OUTBOX_BATCH_SIZE: env.positiveInt(500),
    OUTBOX_RETENTION_HOURS: env.positiveInt(72),
    CONSUMER_CONCURRENCY: env.positiveInt(3),
    CONSUMER_SESSION_TIMEOUT_MS: env.positiveInt(10_000),
    CONSUMER_HANDLER_ATTEMPTS: env.positiveInt(5),
    ...kafkaSecurityVariables,
  });
  const c = loadConfig(schema.superRefine((values, ctx) => checkKafkaSecurity(values as never, ctx)), source) as Record<string, unknown>;
  return {
    service,
    port: c[`${p}_PORT`] as number,
    databaseUrl: c[`${p}_DATABASE_URL`] as string,
    databasePoolSize: c.DATABASE_POOL_SIZE as number,
    logLevel: c.LOG_LEVEL as ServiceConfig['logLevel'],
    logFormat: c.LOG_FORMAT as ServiceConfig['logFormat'],
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
    },
  };
}
