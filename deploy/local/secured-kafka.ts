import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { env, loadConfig } from '@rental/config';
import { type KafkaAccess, kafkaAccessPlan, type KafkaPrincipalName, platformEvents } from '@rental/contracts';
import { applyKafkaAccessPlan, kafkaJsSecurity, type KafkaSecurity } from '@rental/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { jdkTool, type LocalKafkaOptions, runQuietly, startLocalKafka } from './local-kafka';
import { STATE_DIR } from './paths';

/**
 * The local broker as production runs Kafka: a SASL_SSL listener (TLS with a certificate made by
 * the JDK's keytool, SCRAM-SHA-512 users), the StandardAuthorizer denying whatever no ACL allows,
 * and the platform's access plan applied, so every service and system works under its own
 * principal with least privilege. `KAFKA_SECURITY=scram npm start` runs it.
 *
 * It has its own directory and ports (9094, 9095), beside the plaintext broker rather than instead
 * of it: the tests and a plain `npm start` keep using 127.0.0.1:9092 without credentials, and
 * neither mode ever finds the other's broker on its port and takes it for its own.
 */
export const SECURED_DIR = join(STATE_DIR, 'kafka-secured');
export const MECHANISM = 'scram-sha-512';
/** The super user: creates the topics, grants the ACLs, and the broker's own SASL identity. */
export const ADMIN = 'admin';

export interface SecuredKafkaOptions extends LocalKafkaOptions {
  topicPrefix: string;
  partitions: number;
}

export function securedKafkaOptions(source: NodeJS.ProcessEnv = process.env, dir = SECURED_DIR): SecuredKafkaOptions {
  const c = loadConfig(
    z.object({
      LOCAL_KAFKA_SECURED_PORT: env.port(9094),
      LOCAL_KAFKA_SECURED_CONTROLLER_PORT: env.port(9095),
      LOCAL_KAFKA_HEAP: z
        .string()
        .regex(/^\d+[mMgG]$/, 'a JVM heap size such as 512m')
        .default('512m'),
      KAFKA_TOPIC_PREFIX: env.topicPrefix(),
      KAFKA_PARTITIONS: env.positiveInt(3),
    }),
    source,
  );
  return {
    dir,
    port: c.LOCAL_KAFKA_SECURED_PORT,
    controllerPort: c.LOCAL_KAFKA_SECURED_CONTROLLER_PORT,
    heap: c.LOCAL_KAFKA_HEAP,
    topicPrefix: c.KAFKA_TOPIC_PREFIX,
    partitions: c.KAFKA_PARTITIONS,
  };
}

export interface SecuredKafka {
  brokers: string[];
  /** The PEM certificate clients trust (KAFKA_SSL_CA_FILE). */
  caFile: string;
  plan: KafkaAccess[];
  /** How a principal of the plan connects, with its own password. */
  securityOf(name: KafkaPrincipalName): KafkaSecurity;
  /** How the super user connects. */
  admin: KafkaSecurity;
  /** The environment a service or tool needs to connect as this principal (KAFKA_SSL...KAFKA_SASL_PASSWORD). */
  envOf(name: KafkaPrincipalName): Record<string, string>;
}

/** Random per broker install, kept (mode 0600) beside its data: the passwords are the broker's, not the repository's. */
interface Secrets {
  keystorePassword: string;
  /** By SASL username. */
  passwords: Record<string, string>;
}

/**
 * Starts the secured broker unless it already runs, applies the access plan (topics and ACLs, as
 * the super user), and writes the company systems' client settings. Safe to call again.
 */
export async function startSecuredKafka(o: SecuredKafkaOptions): Promise<SecuredKafka> {
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  const plan = kafkaAccessPlan(platformEvents, o.topicPrefix);
  const usernames = [ADMIN, ...plan.map((a) => a.username)];
  const secrets = loadSecrets(o.dir, usernames);
  const { caFile, keystore } = ensureCertificate(o.dir, secrets.keystorePassword);
  const ca = readFileSync(caFile, 'utf8');
  const securityAs = (username: string): KafkaSecurity => ({
    ssl: { ca },
    sasl: { mechanism: MECHANISM, username, password: secrets.passwords[username] },
  });
  const admin = securityAs(ADMIN);
  const brokers = await startLocalKafka(o, {
    properties: serverSecurity(o, secrets, keystore, caFile),
    formatArgs: usernames.flatMap((u) => ['--add-scram', `SCRAM-SHA-512=[name=${u},password=${secrets.passwords[u]}]`]),
    client: kafkaJsSecurity(admin),
  });

  const kafka = new Kafka({ clientId: 'rental-access-plan', brokers, ...kafkaJsSecurity(admin), logLevel: logLevel.NOTHING });
  const client = kafka.admin();
  await client.connect();
  try {
    const applied = await applyKafkaAccessPlan(client, plan, o.partitions);
    o.log?.(`access plan applied: ${applied.topics} topics, ${applied.acls} ACLs for ${plan.length} principals`);
  } finally {
    await client.disconnect();
  }

  const secured: SecuredKafka = {
    brokers,
    caFile,
    plan,
    admin,
    securityOf: (name) => securityAs(plan.find((a) => a.name === name)!.username),
    envOf: (name) => {
      const username = plan.find((a) => a.name === name)!.username;
      return {
        KAFKA_BROKERS: brokers.join(','),
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: caFile,
        KAFKA_SASL_MECHANISM: MECHANISM,
        KAFKA_SASL_USERNAME: username,
        KAFKA_SASL_PASSWORD: secrets.passwords[username],
      };
    },
  };
  writeSystemClients(o, secured, secrets);
  return secured;
}

function loadSecrets(dir: string, usernames: string[]): Secrets {
  const file = join(dir, 'secrets.json');
  const formatted = existsSync(join(dir, 'data', 'meta.properties'));
  const kept: Secrets | undefined = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
  if (formatted) {
    // SCRAM users are created when the storage is formatted; a principal added since has none.
    const missing = usernames.filter((u) => kept?.passwords[u] === undefined);
    if (missing.length > 0) {
      throw new Error(
        `the secured broker in ${dir} has no SCRAM user for ${missing.join(', ')} (a new principal, or another KAFKA_TOPIC_PREFIX). ` +
          `Stop it (npm run infra:down) and remove ${dir} to make it again.`,
      );
    }
    return kept!;
  }
  // Not formatted yet: what a start that failed half-way kept still holds (its keystore's password among it).
  const password = () => randomBytes(32).toString('base64url');
  const secrets: Secrets = kept ?? { keystorePassword: password(), passwords: {} };
  for (const username of usernames) secrets.passwords[username] ??= password();
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made once with the JDK's keytool: the
 * broker's key in a PKCS12 keystore, the certificate in PEM for clients to trust.
 */
function ensureCertificate(dir: string, password: string): { caFile: string; keystore: string } {
  const keystore = join(dir, 'broker.p12');
  const caFile = join(dir, 'ca.pem');
  if (existsSync(keystore) && existsSync(caFile)) return { caFile, keystore };
  rmSync(keystore, { force: true });
  const keytool = jdkTool('keytool');
  const store = ['-keystore', keystore, '-storetype', 'PKCS12', '-storepass', password];
  const subject = ['-dname', 'CN=localhost,O=rental-platform local', '-ext', 'SAN=IP:127.0.0.1,DNS:localhost'];
  // Valid from a year back for twenty years: clients under a shifted clock (test-shifted.sh) trust it too.
  const key = ['-keyalg', 'RSA', '-keysize', '2048', '-startdate', '-1y', '-validity', '7300'];
  runQuietly(keytool, ['-genkeypair', '-alias', 'broker', ...key, ...subject, ...store], "making the broker's TLS certificate with keytool");
  writeFileSync(caFile, runQuietly(keytool, ['-exportcert', '-rfc', '-alias', 'broker', ...store], "exporting the broker's certificate"));
  return { caFile, keystore };
}

/**
 * Clients use SASL_SSL with SCRAM-SHA-512. The controller listener, on the loopback only, uses
 * SASL_PLAINTEXT with PLAIN, because KRaft controllers cannot check SCRAM (its credentials live in
 * the metadata they serve); only the broker itself, as the super user, logs in there.
 */
function serverSecurity(o: LocalKafkaOptions, secrets: Secrets, keystore: string, caFile: string): string {
  const admin = secrets.passwords[ADMIN];
  return `listeners=SASL_SSL://127.0.0.1:${o.port},CONTROLLER://127.0.0.1:${o.controllerPort}
advertised.listeners=SASL_SSL://127.0.0.1:${o.port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=SASL_SSL
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SASL_PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${ADMIN}" password="${admin}";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${ADMIN}" password="${admin}" user_${ADMIN}="${admin}";
ssl.keystore.type=PKCS12
ssl.keystore.location=${keystore}
ssl.keystore.password=${secrets.keystorePassword}
ssl.truststore.type=PEM
ssl.truststore.location=${caFile}
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:${ADMIN}
allow.everyone.if.no.acl.found=false
`;
}

/** Where the company systems' settings are written: one set of files per system. */
export const clientsDir = (dir: string): string => join(dir, 'clients');

/**
 * For each of the company's systems (CRM, inventory, finance): a Java client properties file for
 * Kafka's console tools (deploy/local/kafka/kafka-console.sh with KAFKA_AS=<system>), a kcat
 * configuration, and a .env with the platform's own variables.
 */
function writeSystemClients(o: SecuredKafkaOptions, secured: SecuredKafka, secrets: Secrets): void {
  const out = clientsDir(o.dir);
  mkdirSync(out, { recursive: true, mode: 0o700 });
  for (const access of secured.plan.filter((a) => ['crm', 'inventory', 'finance'].includes(a.name))) {
    const password = secrets.passwords[access.username];
    const write = (file: string, text: string) => writeFileSync(join(out, file), text, { mode: 0o600 });
    write(
      `${access.name}.properties`,
      `# ${access.name} on the secured local broker (${secured.brokers.join(',')}); written by deploy/local/secured-kafka.ts
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${access.username}" password="${password}";
ssl.truststore.type=PEM
ssl.truststore.location=${secured.caFile}
`,
    );
    write(
      `${access.name}.kcat.conf`,
      `bootstrap.servers=${secured.brokers.join(',')}
security.protocol=SASL_SSL
sasl.mechanisms=SCRAM-SHA-512
sasl.username=${access.username}
sasl.password=${password}
ssl.ca.location=${secured.caFile}
`,
    );
    write(
      `${access.name}.env`,
      `${Object.entries(secured.envOf(access.name))
        .map(([k, v]) => `${k}=${v}`)
        .join('\n')}\n`,
    );
  }
}
