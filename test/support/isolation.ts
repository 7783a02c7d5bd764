import { randomBytes } from 'node:crypto';
import { kafkaJsSecurity, type KafkaSecurity } from '@rental/messaging';
import { dropDatabase, ensureDatabase } from '@rental/persistence';
import { loadKafkaSecurity } from '@rental/service-kit';
import { Kafka, logLevel } from 'kafkajs';

/** Short and unique per call: names this run's databases, topics and consumer groups. */
export const uniqueId = (): string => randomBytes(5).toString('hex');

export const testBrokers = (): string[] => {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set: run integration tests through jest (its global setup resolves them)');
  return brokers.split(',');
};

export function testDatabaseUrl(name: string): string {
  const server = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/rental_test_${name}`;
  return server.toString();
}

export async function createTestDatabase(name: string): Promise<string> {
  const url = testDatabaseUrl(name);
  await ensureDatabase(url);
  return url;
}

export const dropTestDatabase = (url: string): Promise<void> => dropDatabase(url);

/** The variables that secure a Kafka client (KAFKA_SSL, KAFKA_SASL_*...) as this run was given them: none on the local broker. */
const SECURITY_VARIABLES = ['KAFKA_SSL', 'KAFKA_SSL_CA_FILE', 'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'];

export const testKafkaSecurityEnv = (): Record<string, string> =>
  Object.fromEntries(SECURITY_VARIABLES.filter((name) => process.env[name]).map((name) => [name, process.env[name]!]));

/** How the tests' own clients and the services and fixtures they start connect: as the services do, from the same variables. */
export const testKafkaSecurity = (): KafkaSecurity => loadKafkaSecurity(testKafkaSecurityEnv());

export function testKafka(): Kafka {
  return new Kafka({ clientId: 'rental-tests', brokers: testBrokers(), ...kafkaJsSecurity(testKafkaSecurity()), logLevel: logLevel.NOTHING });
}

/** Removes every topic this test created, so that reruns leave nothing behind on a shared broker. */
export async function deleteTopics(prefix: string): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine });
  } finally {
    await admin.disconnect();
  }
}

/** Polls until the check passes, or fails with the last observation. */
export async function eventually<T>(probe: () => Promise<T>, pass: (value: T) => boolean, timeoutMs = 60_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (pass(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
}

/** Retries an assertion until it holds, or rethrows its last failure. */
export async function eventuallyExpect(assertion: () => Promise<void>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
