import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { envPrefix, loadServiceSettings, type RunOptions, type ServiceName, type ServiceSettings } from '@rental/service-kit';
import { Client } from 'pg';
import { createTestDatabase, deleteTopics, dropTestDatabase, testBrokers, testKafkaSecurityEnv, uniqueId } from './isolation';

export interface ServiceApp {
  app: INestApplication;
  config: ServiceSettings;
  /** A connection to the service's own database, for assertions. */
  db: Client;
  topicPrefix: string;
  /** http://127.0.0.1:<port> of the running service. */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * One of the five services in this process, on its own database and topic prefix, serving HTTP on
 * a port the system picks: for a service's integration tests against the real broker and database. `env`
 * overrides the service's variables (e.g. a shorter payment window); `options` are those its main.ts
 * gives runService (raw body, global pipes, OpenAPI), so the test runs the service as production does.
 */
export async function startServiceApp(
  service: ServiceName,
  register: (config: ServiceSettings) => DynamicModule,
  env: Record<string, string> = {},
  topicPrefix = `t${uniqueId()}.`,
  options: RunOptions = {},
  /** False when several services share the prefix: the last to go removes the topics. */
  ownsTopics = true,
): Promise<ServiceApp> {
  const databaseUrl = await createTestDatabase(`${service}_${uniqueId()}`);
  const config = loadServiceSettings(service, {
    KAFKA_BROKERS: testBrokers().join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    ...testKafkaSecurityEnv(),
    [`${envPrefix(service)}_DATABASE_URL`]: databaseUrl,
    [`${envPrefix(service)}_PORT`]: '0',
    CONSUMER_SESSION_TIMEOUT_MS: '6000',
    ...env,
  });
  const app = await NestFactory.create(register(config), { logger: ['error', 'warn'], rawBody: options.rawBody ?? false });
  options.configure?.(app, config);
  await app.listen(config.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const db = new Client({ connectionString: databaseUrl });
  db.on('error', () => undefined);
  await db.connect();
  return {
    app,
    config,
    db,
    topicPrefix,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await db.end().catch(() => undefined);
      await app.close();
      await dropTestDatabase(databaseUrl);
      if (ownsTopics) await deleteTopics(topicPrefix);
    },
  };
}
