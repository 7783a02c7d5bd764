import { loadConfig } from '@rental/config';
import { ensureDatabase, redactUrl } from '@rental/persistence';
import { loadServiceSettings, SERVICE_NAMES } from '@rental/service-kit';
import { z } from 'zod';
import { localKafkaOptions, startLocalKafka, stopLocalKafka } from './local-kafka';
import { SECURED_DIR, type SecuredKafka, securedKafkaOptions, startSecuredKafka } from './secured-kafka';

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
    const { databaseUrl } = loadServiceSettings(service);
    try {
      await ensureDatabase(databaseUrl);
    } catch (error) {
      throw new Error(
        `cannot create or reach the ${service} database at ${redactUrl(databaseUrl)}: ${(error as Error).message}. ` +
          `Is PostgreSQL running (on Debian: pg_ctlcluster 15 main start)?`,
        { cause: error },
      );
    }
  }
  log(`databases ready: ${SERVICE_NAMES.map((s) => `rental_${s}`).join(', ')}`);
}

/**
 * KAFKA_SECURITY=scram: the local broker authenticates and authorizes (secured-kafka.ts) and each
 * service connects as its own principal. Only for the local broker: a cluster named in
 * KAFKA_BROKERS has its own security, which each service is given in its KAFKA_SSL and KAFKA_SASL_* variables.
 */
export function securedMode(source: NodeJS.ProcessEnv = process.env): boolean {
  const { KAFKA_SECURITY } = loadConfig(z.object({ KAFKA_SECURITY: z.enum(['none', 'scram']).default('none') }), source);
  if (KAFKA_SECURITY === 'scram' && source.KAFKA_BROKERS) {
    throw new Error(
      'KAFKA_SECURITY=scram runs a secured local broker; with KAFKA_BROKERS set, give each service its own KAFKA_SSL and KAFKA_SASL_* settings instead',
    );
  }
  return KAFKA_SECURITY === 'scram';
}

/** The infrastructure, with the secured broker's principals when in secured mode. */
export interface Infra {
  brokers: string[];
  secured?: SecuredKafka;
}

export async function infraUp(): Promise<Infra> {
  const secure = securedMode();
  await databasesUp();
  let infra: Infra;
  if (secure) {
    const secured = await startSecuredKafka({ ...securedKafkaOptions(), log });
    log(`Kafka is secured (SASL_SSL, SCRAM-SHA-512, ACLs) on ${secured.brokers.join(',')}; CA ${secured.caFile}`);
    log(`the CRM's, inventory's and finance's client settings: ${SECURED_DIR}/clients/`);
    infra = { brokers: secured.brokers, secured };
  } else {
    infra = { brokers: await kafkaUp() };
  }
  log('infrastructure is up');
  return infra;
}

/** Stops the local brokers, plaintext and secured, whichever run. */
export async function infraDown(): Promise<void> {
  if (process.env.KAFKA_BROKERS) {
    log('KAFKA_BROKERS is set: the cluster is not ours to stop');
    return;
  }
  const stopped = await stopLocalKafka({ ...localKafkaOptions(), log });
  log(stopped ? 'local Kafka broker stopped' : 'local Kafka broker was not running');
  if (await stopLocalKafka({ ...securedKafkaOptions(), log })) log('secured local Kafka broker stopped');
}
