import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import type { FixtureOptions } from '../fixtures/fixture-modules';
import { createTestDatabase, deleteTopics, dropTestDatabase, testBrokers, testKafkaSecurity, uniqueId } from './isolation';

export interface FixtureApp {
  app: INestApplicationContext;
  /** A connection to the fixture's own database, for assertions. */
  db: Client;
  databaseUrl: string;
  topicPrefix: string;
  /** Closes the app and removes its database and topics. */
  close(): Promise<void>;
}

/** A fixture service in this process, on its own database and topic prefix. */
export async function startFixtureApp(
  name: string,
  register: (options: FixtureOptions) => DynamicModule,
  extra: Partial<FixtureOptions> = {},
): Promise<FixtureApp> {
  const run = uniqueId();
  const topicPrefix = `t${run}.`;
  const databaseUrl = await createTestDatabase(`${name}_${run}`);
  const app = await NestFactory.createApplicationContext(
    register({ databaseUrl, brokers: testBrokers(), security: testKafkaSecurity(), topicPrefix, ...extra }),
    {
      logger: ['error'],
    },
  );
  await app.init();
  const db = new Client({ connectionString: databaseUrl });
  // Tests that cut the database's connections cut this one too; that is not a failure.
  db.on('error', () => undefined);
  await db.connect();
  return {
    app,
    db,
    databaseUrl,
    topicPrefix,
    close: async () => {
      await db.end().catch(() => undefined);
      await app.close();
      await dropTestDatabase(databaseUrl);
      await deleteTopics(topicPrefix);
    },
  };
}
