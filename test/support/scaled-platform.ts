import { generateKeyPairSync } from 'node:crypto';
import { envPrefix, SERVICE_NAMES, type ServiceName } from '@rental/service-kit';
import { type SmtpSink, startSmtpSink } from '../../deploy/local/smtp-sink';
import { deleteTopics, dropTestDatabase, eventually, testBrokers, testDatabaseUrl, testKafkaSecurityEnv, uniqueId } from './isolation';
import { platformTestEnv } from './platform';
import { type ServiceProcess, spawnService } from './service-process';

export interface ScaledPlatform {
  /** Per service, its instances in start order; each on its own HTTP port. */
  readonly instances: Readonly<Record<ServiceName, readonly ServiceInstance[]>>;
  /** Per service, the database every instance of it shares. */
  readonly databases: Readonly<Record<ServiceName, string>>;
  readonly topicPrefix: string;
  readonly sink: SmtpSink;
  stop(): Promise<void>;
}

export interface ServiceInstance {
  readonly process: ServiceProcess;
  readonly baseUrl: string;
}

/**
 * The five services from the build, `instances` processes of each, as a scaled-out deployment runs
 * them: the instances of a service share its database and its consumer groups (one topic prefix),
 * each serves HTTP on a port of its own. Instance i of billing calls back instance i of the gateway.
 * The databases are not created beforehand: the instances of a service create and migrate theirs
 * at the same moment, as replicas started together would.
 */
export async function startScaledPlatform(instances: number, env: Record<string, string> = {}): Promise<ScaledPlatform> {
  const run = uniqueId();
  const topicPrefix = `t${run}.`;
  const sink = await startSmtpSink({ port: 0 });
  const databases = Object.fromEntries(SERVICE_NAMES.map((service) => [service, testDatabaseUrl(`scaled_${service}_${run}`)])) as Record<ServiceName, string>;
  const sealing = generateKeyPairSync('x25519');
  const shared: Record<string, string> = {
    ...platformTestEnv(sink.port),
    KAFKA_BROKERS: testBrokers().join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    ...testKafkaSecurityEnv(),
    CONSUMER_SESSION_TIMEOUT_MS: '6000',
    GATEWAY_SECRETS_PRIVATE_KEY: sealing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    PROVISIONING_SECRETS_PUBLIC_KEY: sealing.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    // Ten processes: half the pool of the in-process platform's five services.
    DATABASE_POOL_SIZE: '2',
    ...env,
  };
  const started: ServiceProcess[] = [];
  const spawn = (service: ServiceName, own: Record<string, string> = {}): ServiceProcess => {
    const child = spawnService(service, { ...shared, [`${envPrefix(service)}_DATABASE_URL`]: databases[service], ...own });
    started.push(child);
    return child;
  };
  const ready = async (service: ServiceName, child: ServiceProcess): Promise<ServiceInstance> => {
    const baseUrl = await child.baseUrl;
    await eventually(
      () =>
        fetch(`${baseUrl}/health/ready`).then(
          (r) => r.status,
          () => 0,
        ),
      (status) => status === 200,
      90_000,
      `${service} ready`,
    );
    return { process: child, baseUrl };
  };
  const stop = async () => {
    await Promise.all(started.map((child) => child.stop()));
    await sink.stop();
    for (const url of Object.values(databases)) await dropTestDatabase(url);
    await deleteTopics(topicPrefix);
  };

  try {
    const range = Array.from({ length: instances }, (_, i) => i);
    // Billing's sandbox calls the gateway's webhook, so the gateways listen first.
    const gateways = range.map(() => spawn('gateway'));
    const gatewayUrls = await Promise.all(gateways.map((child) => child.baseUrl));
    const others = SERVICE_NAMES.filter((service) => service !== 'gateway').flatMap((service) =>
      range.map((i) => ({ service, child: spawn(service, { SANDBOX_WEBHOOK_URL: `${gatewayUrls[i]}/v1/payment-provider/webhook` }) })),
    );
    const all = [...gateways.map((child) => ({ service: 'gateway' as ServiceName, child })), ...others];
    const readied = await Promise.all(all.map(async ({ service, child }) => ({ service, instance: await ready(service, child) })));
    const byService = Object.fromEntries(
      SERVICE_NAMES.map((service) => [service, readied.filter((r) => r.service === service).map((r) => r.instance)]),
    ) as Record<ServiceName, ServiceInstance[]>;
    // The gateways learn the catalogue from the order service's first event.
    for (const gateway of byService.gateway) {
      await eventually(
        () => fetch(`${gateway.baseUrl}/v1/catalogue`).then((r) => r.status),
        (s) => s === 200,
        30_000,
        'the catalogue',
      );
    }
    return { instances: byService, databases, topicPrefix, sink, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
