import { envPrefix, SERVICE_NAMES, type ServiceName } from '@rental/service-kit';
import { walkThroughRental, type WalkResult } from '../../deploy/local/rental-walk';
import { startSmtpSink, type SmtpSink } from '../../deploy/local/smtp-sink';
import { createTestDatabase, deleteTopics, dropTestDatabase, eventually, testBrokers, uniqueId } from '../support/isolation';
import { spawnService, type ServiceProcess } from '../support/service-process';

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
    spawn('gateway');
    gateway = await processes.get('gateway')!.baseUrl;
    for (const service of SERVICE_NAMES) {
      if (service !== 'gateway') spawn(service, { SANDBOX_WEBHOOK_URL: `${gateway}/v1/payment-provider/webhook` });
    }
    for (const [service, child] of processes) {
      const base = await child.baseUrl;
      await eventually(
        () => fetch(`${base}/health/ready`).then((r) => r.status, () => 0),
        (status) => status === 200,
        60_000,
        `${service} ready`,
      );
    }
    // The gateway learns the catalogue from the order service's first event.
    await eventually(() => fetch(`${gateway}/v1/catalogue`).then((r) => r.status), (s) => s === 200, 30_000, 'the catalogue');
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

  it('runs both machines, each with an address, a hostname and a password shown once', async () => {
    expect(walk.running.status).toBe('running');
    expect(walk.running.machines).toHaveLength(2);
    for (const machine of walk.running.machines) {
      expect(machine.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(machine.hostname).toContain('.ams1.');
      expect(machine.access.rootPassword).toMatch(/^\S{12,}$/);
    }
    const again = (await (
      await fetch(`${gateway}/v1/orders/${walk.order.id}`, {
        headers: { Authorization: `Bearer ${walk.apiKey}` },
      })
    ).json()) as { machines: { access: { rootPassword?: string } }[] };
    expect(again.machines.every((m: { access: { rootPassword?: string } }) => m.access.rootPassword === undefined)).toBe(true);
  });

  it('keeps the timeline, and streamed it as it happened', () => {
    const steps = ['placed', 'awaiting_payment', 'paid', 'provisioning', 'running'];
    expect(walk.running.timeline.map((t: { to: string }) => t.to)).toEqual(steps);
    expect(walk.streamed.map((t) => t.to)).toEqual(steps);
  });

  it('emails the customer at each step, in Dutch', async () => {
    const mine = () => sink.messages().filter((m) => m.to.includes(walk.customer.email));
    await eventually(async () => mine().length, (n) => n >= 5, 30_000, 'five emails');
    const subjects = mine().map((m) => m.subject);
    expect(subjects.some((s) => s.startsWith('We hebben uw bestelling'))).toBe(true);
    expect(subjects).toContain(`Uw factuur ${walk.invoice.number}`);
    expect(subjects).toContain(`Betaling ontvangen voor factuur ${walk.invoice.number}`);
    expect(subjects.filter((s) => s.endsWith('staat klaar'))).toHaveLength(2);
    const invoiceMail = mine().find((m) => m.subject === `Uw factuur ${walk.invoice.number}`)!;
    expect(invoiceMail.text).toContain('239,58');
  });
});
