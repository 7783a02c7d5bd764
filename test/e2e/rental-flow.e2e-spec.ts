import { generateKeyPairSync } from 'node:crypto';
import { rootPasswordContext, type sealedSecret } from '@rental/contracts';
import { openSealedSecret } from '@rental/secrets';
import { envPrefix, SERVICE_NAMES, type ServiceName } from '@rental/service-kit';
import type { KafkaMessage } from 'kafkajs';
import { Client } from 'pg';
import type { z } from 'zod';
import { type WalkResult, walkThroughRental } from '../../deploy/local/rental-walk';
import { type SmtpSink, startSmtpSink } from '../../deploy/local/smtp-sink';
import { createTestDatabase, deleteTopics, dropTestDatabase, eventually, testBrokers, testKafka, uniqueId } from '../support/isolation';
import { readAll, topicSize } from '../support/raw-kafka';
import { type ServiceProcess, spawnService } from '../support/service-process';

/**
 * The whole platform: the five services as separate processes on the real broker and databases,
 * a customer driving one rental through the gateway's HTTP API only, and the mail it receives.
 */
describe('a rental from quote to running machine', () => {
  const run = uniqueId();
  const prefix = `t${run}.`;
  const databases = new Map<ServiceName, string>();
  const processes = new Map<ServiceName, ServiceProcess>();
  let gateway: string;
  let sink: SmtpSink;
  let walk: WalkResult;
  // The gateway's sealing key pair for this run, configured as production would: the private half
  // to the gateway only, the public half to provisioning only.
  const sealing = generateKeyPairSync('x25519');

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0 });
    for (const service of SERVICE_NAMES) databases.set(service, await createTestDatabase(`flow_${service}_${run}`));
    const spawn = (service: ServiceName, env: Record<string, string> = {}) =>
      processes.set(
        service,
        spawnService(service, {
          KAFKA_BROKERS: testBrokers().join(','),
          KAFKA_TOPIC_PREFIX: prefix,
          [`${envPrefix(service)}_DATABASE_URL`]: databases.get(service)!,
          SMTP_PORT: String(sink.port),
          GATEWAY_ADMIN_TOKEN: 'e2e-admin-token',
          ...env,
        }),
      );
    // Billing's sandbox calls the gateway's webhook, so the gateway listens first.
    spawn('gateway', { GATEWAY_SECRETS_PRIVATE_KEY: sealing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    gateway = await processes.get('gateway')!.baseUrl;
    for (const service of SERVICE_NAMES) {
      if (service !== 'gateway') {
        spawn(service, {
          SANDBOX_WEBHOOK_URL: `${gateway}/v1/payment-provider/webhook`,
          PROVISIONING_SECRETS_PUBLIC_KEY: sealing.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        });
      }
    }
    for (const [service, child] of processes) {
      const base = await child.baseUrl;
      await eventually(
        () =>
          fetch(`${base}/health/ready`).then(
            (r) => r.status,
            () => 0,
          ),
        (status) => status === 200,
        60_000,
        `${service} ready`,
      );
    }
    // The gateway learns the catalogue from the order service's first event.
    await eventually(
      () => fetch(`${gateway}/v1/catalogue`).then((r) => r.status),
      (s) => s === 200,
      30_000,
      'the catalogue',
    );
    walk = await walkThroughRental({ gatewayUrl: gateway, adminToken: 'e2e-admin-token', log: () => undefined, timeoutMs: 90_000 });
  });

  afterAll(async () => {
    await Promise.all([...processes.values()].map((p) => p.stop()));
    await sink?.stop();
    for (const url of databases.values()) await dropTestDatabase(url);
    await deleteTopics(prefix);
  });

  it('prices the quote and invoices it with a gapless number and Dutch VAT', () => {
    expect(walk.quote.price).toMatchObject({ subtotalCents: 19_800, vatCents: 4_158, totalCents: 23_958, vat: { ratePercent: 21 } });
    // The first of its year's series; the year is that of the invoice's own issue time (an ISO time in UTC), not the day the test runs.
    expect(walk.invoice.issuedAt).toMatch(/Z$/);
    expect(walk.invoice.number).toBe(`${walk.invoice.issuedAt.slice(0, 4)}-000001`);
    expect(walk.invoice).toMatchObject({ status: 'paid', netCents: 19_800, vatCents: 4_158, grossCents: 23_958 });
  });

  it('runs both machines, each with an address, a hostname and a root password revealed once, never in the order', async () => {
    expect(walk.running.status).toBe('running');
    expect(walk.running.machines).toHaveLength(2);
    for (const machine of walk.running.machines) {
      expect(machine.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(machine.hostname).toContain('.ams1.');
      expect(machine.access).toEqual({ method: 'password', rootPasswordRevealable: true });
      expect(walk.rootPasswords.get(machine.id)).toMatch(/^\S{12,}$/);
    }
    const auth = { Authorization: `Bearer ${walk.apiKey}` };
    const again = (await (await fetch(`${gateway}/v1/orders/${walk.order.id}`, { headers: auth })).json()) as { machines: { id: string; access: object }[] };
    for (const machine of again.machines) {
      expect(machine.access).toEqual({ method: 'password', rootPasswordRevealable: false, rootPasswordShownAt: expect.any(String) });
      const second = await fetch(`${gateway}/v1/orders/${walk.order.id}/machines/${machine.id}/root-password`, { method: 'POST', headers: auth });
      expect(second.status).toBe(410);
      expect(((await second.json()) as { error: { code: string } }).error.code).toBe('password_already_revealed');
    }
  });

  it('lets no root password out: not on any topic (dead letters included), in any mail, log line or database; the one revealed is the one sealed', async () => {
    const passwords = [...walk.rootPasswords.values()];
    expect(passwords).toHaveLength(2);
    const mine = () => sink.messages().filter((m) => m.to.includes(walk.customer.email));
    // The machine-ready mails are the last the rental sends: once both are in, so is everything that could carry a password.
    await eventually(
      async () => mine().filter((m) => m.subject.endsWith('staat klaar')).length,
      (n) => n === 2,
      30_000,
      'both machine-ready mails',
    );

    // Every record of every topic of this run: events, commands and dead letters.
    const admin = testKafka().admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    await admin.disconnect();
    expect(topics).toEqual(expect.arrayContaining([`${prefix}rental.provisioning.events.v1`, `${prefix}rental.gateway.dlq.v1`]));
    const records: { topic: string; message: KafkaMessage }[] = [];
    for (const topic of topics) {
      const size = await topicSize(topic);
      if (size > 0) records.push(...(await readAll(topic, size)).map((message) => ({ topic, message })));
    }
    const bytesOf = ({ message }: { message: KafkaMessage }) =>
      [
        message.key?.toString() ?? '',
        message.value?.toString() ?? '',
        ...Object.entries(message.headers ?? {}).map(([name, value]) => `${name}=${String(value)}`),
      ].join('\n');

    // The passwords the customer was shown are the ones provisioning sealed to the gateway's key for these machines.
    const running = records.filter(({ message }) => message.headers?.ce_type?.toString() === 'machine.running');
    expect(running.map(({ message }) => message.headers?.ce_schemaversion?.toString())).toEqual(['2', '2']);
    for (const { message } of running) {
      const payload = JSON.parse(message.value!.toString()) as {
        orderId: string;
        machineId: string;
        access: { rootPasswordSealed: z.infer<typeof sealedSecret> };
      };
      expect(openSealedSecret(payload.access.rootPasswordSealed, sealing.privateKey, rootPasswordContext(payload.orderId, payload.machineId))).toBe(
        walk.rootPasswords.get(payload.machineId),
      );
    }

    const rows = await Promise.all(
      [...databases].map(async ([service, url]) => {
        const db = new Client({ connectionString: url });
        await db.connect();
        try {
          const tables = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
          const all: string[] = [];
          for (const { table_name: table } of tables.rows) {
            all.push(...(await db.query(`SELECT t::text AS row FROM "${table}" t`)).rows.map((r) => `${service}.${table}: ${r.row}`));
          }
          return all;
        } finally {
          await db.end();
        }
      }),
    );
    const mails = sink.messages().map((m) => [m.subject, m.text, m.html].join('\n'));
    const logs = [...processes].map(([service, child]) => `${service}: ${child.output()}`);
    // The haystacks hold what they should, so finding no password in them means something.
    expect(records.length).toBeGreaterThan(20);
    expect(rows.flat().some((row) => row.startsWith('gateway.gateway_machines: '))).toBe(true);
    expect(logs.every((log) => /listening on \S+:\d+/.test(log))).toBe(true);
    for (const machine of walk.running.machines) {
      expect(mails.some((mail) => mail.includes(machine.hostname) && mail.includes(`/v1/orders/${walk.order.id}/machines/${machine.id}/root-password`))).toBe(
        true,
      );
    }
    for (const password of passwords) {
      expect(records.filter((record) => bytesOf(record).includes(password)).map(({ topic }) => topic)).toEqual([]);
      expect(mails.filter((mail) => mail.includes(password))).toEqual([]);
      expect(logs.filter((log) => log.includes(password))).toEqual([]);
      expect(rows.flat().filter((row) => row.includes(password))).toEqual([]);
    }
  });

  it('keeps the timeline, and streamed it as it happened', () => {
    const steps = ['placed', 'awaiting_payment', 'paid', 'provisioning', 'running'];
    expect(walk.running.timeline.map((t: { to: string }) => t.to)).toEqual(steps);
    expect(walk.streamed.map((t) => t.to)).toEqual(steps);
  });

  it('emails the customer at each step, in Dutch', async () => {
    const mine = () => sink.messages().filter((m) => m.to.includes(walk.customer.email));
    await eventually(
      async () => mine().length,
      (n) => n >= 5,
      30_000,
      'five emails',
    );
    const subjects = mine().map((m) => m.subject);
    expect(subjects.some((s) => s.startsWith('We hebben uw bestelling'))).toBe(true);
    expect(subjects).toContain(`Uw factuur ${walk.invoice.number}`);
    expect(subjects).toContain(`Betaling ontvangen voor factuur ${walk.invoice.number}`);
    expect(subjects.filter((s) => s.endsWith('staat klaar'))).toHaveLength(2);
    const invoiceMail = mine().find((m) => m.subject === `Uw factuur ${walk.invoice.number}`)!;
    expect(invoiceMail.text).toContain('239,58');
  });
});
