import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import type { KafkaConfig } from 'kafkajs';
import { z } from 'zod';
// Relative, not @rental/config: jest's global setup loads this file without the path aliases.
import { env, loadConfig } from '../../libs/config/src';
import { smokeTestBroker } from './broker-smoke';
import { KAFKA_LIB, KAFKA_POM, STATE_DIR } from './paths';

export interface LocalKafkaOptions {
  /** Where data, configuration, pid and log live. */
  dir: string;
  port: number;
  controllerPort: number;
  heap: string;
  log?: (line: string) => void;
}

/** What a broker that authenticates and authorizes needs beyond the plaintext one (see secured-kafka.ts). */
export interface BrokerSecurity {
  /** server.properties lines: its listeners, their protocols, SASL, TLS and the authorizer. */
  properties: string;
  /** StorageTool format arguments: the SCRAM users, created with the cluster's metadata. */
  formatArgs: string[];
  /** How the warm-up client connects: as the super user. */
  client: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

const plaintextListeners = (o: LocalKafkaOptions): string => `listeners=PLAINTEXT://127.0.0.1:${o.port},CONTROLLER://127.0.0.1:${o.controllerPort}
advertised.listeners=PLAINTEXT://127.0.0.1:${o.port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
`;

/** Settings of the local infrastructure itself (the services have their own). */
export function localKafkaOptions(source: NodeJS.ProcessEnv = process.env, dir = join(STATE_DIR, 'kafka')): LocalKafkaOptions {
  const c = loadConfig(
    z.object({
      LOCAL_KAFKA_PORT: env.port(9092),
      LOCAL_KAFKA_CONTROLLER_PORT: env.port(9093),
      LOCAL_KAFKA_HEAP: z
        .string()
        .regex(/^\d+[mMgG]$/, 'a JVM heap size such as 512m')
        .default('512m'),
    }),
    source,
  );
  return { dir, port: c.LOCAL_KAFKA_PORT, controllerPort: c.LOCAL_KAFKA_CONTROLLER_PORT, heap: c.LOCAL_KAFKA_HEAP };
}

const pinnedVersion = (): string => {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(KAFKA_POM, 'utf8'));
  if (!match) throw new Error(`no <kafka.version> in ${KAFKA_POM}`);
  return match[1];
};

/** Fetches the broker's jars from Maven Central once; Maven's own cache makes repeats fast. */
export function ensureKafkaJars(log: (line: string) => void = () => undefined): string {
  const version = pinnedVersion();
  // Any change to the pom (a version, a tool) fetches again.
  const pomHash = createHash('sha256').update(readFileSync(KAFKA_POM)).digest('hex');
  const marker = join(KAFKA_LIB, '.pom-sha256');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === pomHash) return version;
  log(`fetching Apache Kafka ${version} from Maven Central (first run only)...`);
  rmSync(KAFKA_LIB, { recursive: true, force: true });
  fetchWithRetries(log);
  writeFileSync(marker, pomHash);
  return version;
}

const FETCH_ATTEMPTS = 3;

/**
 * A download from Maven Central has been seen to stall on one file for good: Maven 3.8's read
 * timeout is 30 minutes. A 30 s read timeout makes a stall an error, and a fresh run of Maven (the
 * local repository keeps what already arrived) gets past it.
 */
function fetchWithRetries(log: (line: string) => void): void {
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync(
        'mvn',
        [
          '-q',
          '-B',
          '-Dstyle.color=never',
          '-Dmaven.wagon.rto=30000',
          '-Dmaven.wagon.http.retryHandler.count=3',
          '-f',
          KAFKA_POM,
          'dependency:copy-dependencies',
          `-DoutputDirectory=${KAFKA_LIB}`,
          '-DincludeScope=runtime',
        ],
        { stdio: ['ignore', 'inherit', 'inherit'], timeout: 300_000, killSignal: 'SIGKILL' },
      );
      return;
    } catch (error) {
      if (attempt >= FETCH_ATTEMPTS) {
        throw new Error(`could not fetch Kafka's jars with Maven (is "mvn" on the PATH and Maven Central reachable?): ${(error as Error).message}`, {
          cause: error,
        });
      }
      log(`fetching Kafka's jars failed (attempt ${attempt} of ${FETCH_ATTEMPTS}), trying again: ${(error as Error).message.split('\n')[0]}`);
      rmSync(KAFKA_LIB, { recursive: true, force: true });
    }
  }
}

/** A JDK tool (java, keytool) from JAVA_HOME when set, else from the PATH. */
export const jdkTool = (name: string): string => (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', name) : name);

export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function serverProperties(o: LocalKafkaOptions, security?: BrokerSecurity): string {
  return `# Generated by deploy/local; a single KRaft node acting as broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${o.controllerPort}
${security?.properties ?? plaintextListeners(o)}log.dirs=${join(o.dir, 'data')}
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
num.network.threads=2
num.io.threads=4
log.retention.hours=168
`;
}

const pidFile = (o: LocalKafkaOptions) => join(o.dir, 'broker.pid');
export const brokerLogFile = (dir: string) => join(dir, 'broker.log');

function runningPid(o: LocalKafkaOptions): number | undefined {
  if (!existsSync(pidFile(o))) return undefined;
  const pid = Number(readFileSync(pidFile(o), 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

function tail(file: string, lines = 30): string {
  if (!existsSync(file)) return '(no broker log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Starts the local broker unless it is already up, and returns once kafkajs can produce and
 * consume through it. Safe to call twice.
 */
export async function startLocalKafka(o: LocalKafkaOptions, security?: BrokerSecurity): Promise<string[]> {
  const log = o.log ?? (() => undefined);
  const brokers = [`127.0.0.1:${o.port}`];
  if (await portAnswers(o.port)) {
    log(`Kafka already answers on 127.0.0.1:${o.port}`);
    await warmUp(brokers, o, security);
    return brokers;
  }
  const version = ensureKafkaJars(log);
  mkdirSync(o.dir, { recursive: true });
  const props = join(o.dir, 'server.properties');
  // Mode 0600: a secured broker's properties hold its own passwords.
  writeFileSync(props, serverProperties(o, security), { mode: 0o600 });
  const classpath = `${KAFKA_LIB}/*`;
  const java = jdkTool('java');
  const clusterIdFile = join(o.dir, 'cluster.id');
  if (!existsSync(clusterIdFile)) writeFileSync(clusterIdFile, randomUUIDBase64());
  runQuietly(
    java,
    [
      '-cp',
      classpath,
      'kafka.tools.StorageTool',
      'format',
      '--ignore-formatted',
      '-t',
      readFileSync(clusterIdFile, 'utf8'),
      '-c',
      props,
      ...(security?.formatArgs ?? []),
    ],
    "formatting the broker's storage",
  );

  const logFd = openSync(brokerLogFile(o.dir), 'a');
  const child = spawn(
    java,
    [
      `-Xms128m`,
      `-Xmx${o.heap}`,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      '-Dorg.slf4j.simpleLogger.showDateTime=true',
      '-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn',
      '-cp',
      classpath,
      'kafka.Kafka',
      props,
    ],
    { detached: true, stdio: ['ignore', logFd, logFd], env: realClockEnv() },
  );
  closeSync(logFd);
  child.unref();
  writeFileSync(pidFile(o), String(child.pid));
  log(`starting Apache Kafka ${version} (pid ${child.pid}) on 127.0.0.1:${o.port}, log ${brokerLogFile(o.dir)}`);

  const deadline = Date.now() + 60_000;
  while (!(await portAnswers(o.port))) {
    if (runningPid(o) === undefined) {
      throw new Error(`the Kafka broker exited during start-up. Last lines of ${brokerLogFile(o.dir)}:\n${tail(brokerLogFile(o.dir))}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`the Kafka broker did not answer within 60 s. Last lines of ${brokerLogFile(o.dir)}:\n${tail(brokerLogFile(o.dir))}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await warmUp(brokers, o, security);
  return brokers;
}

async function warmUp(brokers: string[], o: LocalKafkaOptions, security?: BrokerSecurity): Promise<void> {
  try {
    await smokeTestBroker(brokers, `rental.infra.warmup.${process.pid}`, 6, security?.client);
  } catch (error) {
    throw new Error(
      `Kafka on ${brokers.join(',')} accepts connections but does not work (${(error as Error).message}). ` +
        `Last lines of ${brokerLogFile(o.dir)}:\n${tail(brokerLogFile(o.dir))}`,
      { cause: error },
    );
  }
}

export async function stopLocalKafka(o: LocalKafkaOptions): Promise<boolean> {
  const pid = runningPid(o);
  if (pid === undefined) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 30_000;
  while (runningPid(o) !== undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (runningPid(o) !== undefined) process.kill(pid, 'SIGKILL');
  rmSync(pidFile(o), { force: true });
  return true;
}

/**
 * The environment for the broker and its tools, without libfaketime: a broker is a server with its
 * own clock, so under a shifted test run (deploy/local/test-shifted.sh) only the clients move, as a
 * broker that already runs does not move either; and a JVM under libfaketime starts several times
 * slower.
 */
export function realClockEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  const preload = (env.LD_PRELOAD ?? '').split(/[:\s]+/).filter((lib) => lib !== '' && !lib.includes('faketime'));
  if (preload.length > 0) env.LD_PRELOAD = preload.join(':');
  else delete env.LD_PRELOAD;
  for (const name of Object.keys(env)) if (name.startsWith('FAKETIME')) delete env[name];
  return env;
}

/**
 * Runs a Kafka tool, failing with what it printed but never with its command line, which may
 * hold passwords (the SCRAM users of a secured broker's format).
 */
export function runQuietly(command: string, args: string[], what: string): string {
  try {
    return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000, env: realClockEnv() });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    // No cause: the tool's error carries its command line, and with it the passwords this hides.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(`${what} failed: ${`${stderr ?? ''}${stdout ?? ''}`.trim() || 'no output'}`);
  }
}

/** Kafka wants a cluster id of 16 random bytes in URL-safe base64 without padding. */
function randomUUIDBase64(): string {
  return Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url');
}
