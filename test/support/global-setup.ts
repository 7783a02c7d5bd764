import { resolveTestInfra } from './test-infra';

/** Resolves Kafka and PostgreSQL once per run and hands them to every worker through the environment. */
export default async function globalSetup(): Promise<void> {
  const infra = await resolveTestInfra((line) => console.log(`\n[test-infra] ${line}`));
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.TEST_POSTGRES_URL = infra.postgresUrl;
  (globalThis as { __TEST_INFRA__?: unknown }).__TEST_INFRA__ = infra;
}
