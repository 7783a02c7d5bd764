import { ensureDatabase, redactUrl } from '@rental/persistence';
import { loadServiceConfig, SERVICE_NAMES } from '@rental/service-kit';
import { localKafkaOptions, startLocalKafka, stopLocalKafka } from './local-kafka';

export const log = (line: string): void => console.log(`[infra] ${line}`);

/** Kafka: the cluster in KAFKA_BROKERS if set, otherwise the local broker (started if needed). */
export async function kafkaUp(): Promise<string[]> {
  if (process.env.KAFKA_BROKERS) {
    log(`using the Kafka cluster in KAFKA_BROKERS (${process.env.KAFKA_BROKERS}); starting nothing`);
    return process.env.KAFKA_BROKERS.split(',');
  }
  return startLocalKafka({ ...localKafkaOptions(), log });
}

/** One database per service, created where each service's URL points. */
export async function databasesUp(): Promise<void> {
  for (const service of SERVICE_NAMES) {
    const { databaseUrl } = loadServiceConfig(service);
    try {
      await ensureDatabase(databaseUrl);
    } catch (error) {
      throw new Error(
        `cannot create or reach the ${service} database at ${redactUrl(databaseUrl)}: ${(error as Error).message}. ` +
          `Is PostgreSQL running (on Debian: pg_ctlcluster 15 main start)?`,
      );
    }
  }
  log(`databases ready: ${SERVICE_NAMES.map((s) => `rental_${s}`).join(', ')}`);
}

/** Returns the brokers the services must use. */
export async function infraUp(): Promise<string[]> {
  await databasesUp();
  const brokers = await kafkaUp();
  log('infrastructure is up');
  return brokers;
}

export async function infraDown(): Promise<void> {
  if (process.env.KAFKA_BROKERS) {
    log('KAFKA_BROKERS is set: the cluster is not ours to stop');
    return;
  }
  const stopped = await stopLocalKafka({ ...localKafkaOptions(), log });
  log(stopped ? 'local Kafka broker stopped' : 'local Kafka broker was not running');
}
