import { execFileSync } from 'node:child_process';
import { localKafkaOptions, startLocalKafka } from '../../deploy/local/local-kafka';

export interface TestInfra {
  kafkaBrokers: string;
  /** A server URL; each test creates its own database on it. */
  postgresUrl: string;
  source: 'environment' | 'testcontainers' | 'local';
  stop(): Promise<void>;
}

const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Where the integration tests find Kafka and PostgreSQL, in this order: KAFKA_BROKERS and
 * DATABASE_URL if set; containers where a Docker engine answers; otherwise the local broker
 * run from Maven Central's jars and the local PostgreSQL.
 */
export async function resolveTestInfra(log: (line: string) => void): Promise<TestInfra> {
  if (process.env.KAFKA_BROKERS) {
    log(`using KAFKA_BROKERS=${process.env.KAFKA_BROKERS}`);
    return {
      kafkaBrokers: process.env.KAFKA_BROKERS,
      postgresUrl: process.env.DATABASE_URL ?? LOCAL_POSTGRES,
      source: 'environment',
      stop: async () => undefined,
    };
  }
  if (dockerEngineAnswers()) {
    log('a Docker engine answers: starting Kafka and PostgreSQL with testcontainers');
    const { KafkaContainer } = await import('@testcontainers/kafka');
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const [kafka, postgres] = await Promise.all([
      new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' }).start(),
      process.env.DATABASE_URL ? undefined : new PostgreSqlContainer('postgres:15-alpine').start(),
    ]);
    return {
      kafkaBrokers: `${kafka.getHost()}:${kafka.getMappedPort(9093)}`,
      postgresUrl: process.env.DATABASE_URL ?? postgres!.getConnectionUri(),
      source: 'testcontainers',
      stop: async () => {
        await Promise.all([kafka.stop(), postgres?.stop()]);
      },
    };
  }
  log('no Docker engine: using the local Kafka broker (Maven Central jars) and the local PostgreSQL');
  const brokers = await startLocalKafka({ ...localKafkaOptions(), log });
  return {
    kafkaBrokers: brokers.join(','),
    postgresUrl: process.env.DATABASE_URL ?? LOCAL_POSTGRES,
    source: 'local',
    // The broker is left running: the next run starts in seconds instead of tens of seconds.
    stop: async () => undefined,
  };
}

function dockerEngineAnswers(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}
