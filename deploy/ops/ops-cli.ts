import { userInfo } from 'node:os';
import { Logger } from '@nestjs/common';
import { ConfigError, env, loadConfig } from '@rental/config';
import { createKafkaClient } from '@rental/messaging';
import { loadServiceSettings, SERVICE_NAMES } from '@rental/service-kit';
import { z } from 'zod';
import { runOps } from './ops';

/**
 * `npm run ops -- <command>`: the operator's tool (see USAGE in ops-arguments.ts and the README's
 * "Operating the platform"). It connects as the services do, from the same variables
 * (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_SSL, KAFKA_SASL_*, <SERVICE>_DATABASE_URL), and keeps
 * its decisions about dead letters in OPS_DATABASE_URL.
 */
async function main(): Promise<number> {
  // Only errors, on stderr: stdout carries the answer, which --json makes a machine's input.
  Logger.overrideLogger(['error']);
  const settings = SERVICE_NAMES.map((service) => loadServiceSettings(service));
  const ops = loadConfig(
    z.object({
      OPS_DATABASE_URL: env.postgresUrl('postgres://postgres@127.0.0.1:5432/rental_ops'),
      OPS_OPERATOR: z.string().trim().min(1).default(userInfo().username),
    }),
  );
  const { kafka } = settings[0];
  return runOps(process.argv.slice(2), {
    kafka: createKafkaClient('ops', kafka.brokers, kafka.security),
    topicPrefix: kafka.topicPrefix,
    services: Object.fromEntries(settings.map((s) => [s.service, { databaseUrl: s.databaseUrl }])),
    decisionsDatabaseUrl: ops.OPS_DATABASE_URL,
    operator: ops.OPS_OPERATOR,
    print: (text) => console.log(text),
    printError: (text) => console.error(text),
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error instanceof Error ? `ops failed: ${error.message}` : error);
    process.exit(1);
  },
);
