import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

const LEVEL_TO_NEST: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/** One kafkajs client per service, logging through Nest's logger so every line looks alike. */
export function createKafkaClient(service: string, brokers: string[]): Kafka {
  const logger = new Logger(`kafkajs`);
  return new Kafka({
    clientId: `rental-${service}`,
    brokers,
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
