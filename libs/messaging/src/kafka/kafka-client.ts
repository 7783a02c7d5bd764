import { Logger } from '@nestjs/common';
import { Kafka, type KafkaConfig, type LogEntry, logLevel } from 'kafkajs';

/**
 * How a client proves who it is to the cluster and protects the connection: TLS (trusting the
 * system's CAs, or only `ca` when given) and SASL/SCRAM under the client's own principal.
 * Plaintext and anonymous when both are off, as on a development broker.
 */
export interface KafkaSecurity {
  ssl: false | { ca?: string };
  sasl?: { mechanism: 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
}

export const PLAINTEXT: KafkaSecurity = { ssl: false };

/** The kafkajs settings for a KafkaSecurity: every client of ours connects through this. */
export function kafkaJsSecurity(security: KafkaSecurity): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const ssl = security.ssl === false ? undefined : security.ssl.ca === undefined ? true : { ca: [security.ssl.ca] };
  const { sasl } = security;
  return {
    ...(ssl === undefined ? {} : { ssl }),
    // Spelled out per mechanism: kafkajs's options are a union keyed by it.
    ...(sasl === undefined
      ? {}
      : sasl.mechanism === 'scram-sha-256'
        ? { sasl: { mechanism: 'scram-sha-256', username: sasl.username, password: sasl.password } }
        : { sasl: { mechanism: 'scram-sha-512', username: sasl.username, password: sasl.password } }),
  };
}

/** "SASL_SSL as order (scram-sha-512)": what a log line may say about a connection; never the password. */
export function describeKafkaSecurity(security: KafkaSecurity): string {
  const protocol = `${security.sasl ? 'SASL_' : ''}${security.ssl === false ? 'PLAINTEXT' : 'SSL'}`;
  return security.sasl ? `${protocol} as ${security.sasl.username} (${security.sasl.mechanism})` : protocol;
}

const LEVEL_TO_NEST: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/** One kafkajs client per service, logging through Nest's logger so every line looks alike. */
export function createKafkaClient(service: string, brokers: string[], security: KafkaSecurity = PLAINTEXT): Kafka {
  const logger = new Logger(`kafkajs`);
  return new Kafka({
    clientId: `rental-${service}`,
    brokers,
    ...kafkaJsSecurity(security),
    // Warnings and errors only: kafkajs logs every rebalance step at INFO.
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...rest } = log;
        // Our producers retry a bounded number of times on purpose: the outbox, not the producer,
        // is what guarantees delivery (an unsent batch is sent again, and consumers deduplicate).
        if (message.startsWith('Limiting retries for the idempotent producer')) return;
        delete (rest as { timestamp?: string }).timestamp;
        logger[LEVEL_TO_NEST[level] ?? 'log'](`${message} ${JSON.stringify(rest)}`);
      },
    retry: { initialRetryTime: 100, retries: 8 },
  });
}
