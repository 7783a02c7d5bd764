import { deadLetterTopic } from '@rental/contracts';
import { consumerGroupId } from '@rental/messaging';
import { SERVICE_NAMES, type ServiceName } from '@rental/service-kit';
import { Client } from 'pg';
import { checkout, CustomerClient, type Json } from '../support/customer-client';
import { eventually, testKafka } from '../support/isolation';
import { topicSize } from '../support/raw-kafka';
import { type ScaledPlatform, startScaledPlatform } from '../support/scaled-platform';

const INSTANCES = 2;

/** Twelve rentals, each down one of these paths, through either gateway. */
const PATHS = [
  ...Array<'cancelled'>(2).fill('cancelled'),
  'cancelled_while_running',
  ...Array<'running'>(5).fill('running'),
  // Starting later than the provisioning lead time (PROVISIONING_LEAD_MINUTES=1): provisioning's start timer builds their machines.
  ...Array<'scheduled'>(3).fill('scheduled'),
  'extended',
] as const;
type Path = (typeof PATHS)[number];

interface Rental {
  path: Path;
  who: CustomerClient;
  orderId: string;
  invoice: Json;
}

/**
 * Two instances of every service (separate processes from the build, one database and one set of
 * consumer groups per service) through a mix of rentals: no effect doubled by the second instance.
 */
describe(`${INSTANCES} instances of every service`, () => {
  let platform: ScaledPlatform;
  const rentals: Rental[] = [];
  const began = Date.now();
  let startedIn = 0;
  const on = (...paths: Path[]) => rentals.filter((r) => paths.includes(r.path));
  const all = <T>(list: Rental[], work: (r: Rental) => Promise<T>) => Promise.all(list.map(work));
  const until = (r: Rental, what: string, pass: (o: Json) => boolean) => r.who.until(r.orderId, `${what} (${r.path})`, pass, 90_000);
  const query = async (service: ServiceName, sql: string): Promise<Json[]> => {
    const db = new Client({ connectionString: platform.databases[service] });
    await db.connect();
    try {
      return (await db.query(sql)).rows;
    } finally {
      await db.end();
    }
  };

  beforeAll(async () => {
    platform = await startScaledPlatform(INSTANCES, { PAYMENT_WINDOW_MINUTES: '1', PROVISIONING_LEAD_MINUTES: '1', GATEWAY_REPLY_TIMEOUT_MS: '60000' });
    startedIn = Date.now() - began;
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('runs every instance as a member of its service consumer group', async () => {
    const admin = testKafka().admin();
    await admin.connect();
    try {
      const groups = SERVICE_NAMES.map((service) => consumerGroupId({ service, topicPrefix: platform.topicPrefix }));
      // A group settles after its second member joins: wait for the later fact, two members each.
      await eventually(
        async () => (await admin.describeGroups(groups)).groups.map((g) => `${g.groupId}: ${g.members.length}`),
        (seen) => seen.every((line) => line.endsWith(`: ${INSTANCES}`)),
        60_000,
        'every group with both instances as members',
      );
    } finally {
      await admin.disconnect();
    }
  });

  it('takes every rental down its path, through either gateway', async () => {
    const gateways = platform.instances.gateway.map((g) => g.baseUrl);
    const customers = await Promise.all(PATHS.map((_, i) => CustomerClient.register(gateways[i % gateways.length])));
    await Promise.all(
      PATHS.map(async (path, i) => {
        const who = customers[i];
        // The services read this machine's clock. A scheduled rental's machines are due 40 s after its
        // quote (its start less the one-minute lead time): time enough to be paid first, on a busy machine too.
        const now = new Date();
        const start = new Date(now.getTime() + (path === 'scheduled' ? 100_000 : 60_000));
        const quote = await who.quote({ now, planCode: 'small-2', start: start.toISOString() });
        const placed = await who.placeOrder(quote.id);
        expect(placed.status).toBe(201);
        rentals.push({ path, who, orderId: placed.body.id, invoice: undefined });
      }),
    );
    await all(rentals, async (r) => {
      r.invoice = (await until(r, 'the invoice', (o) => o.status === 'awaiting_payment' && o.invoice !== undefined)).invoice;
    });

    await all(rentals, async (r) => {
      if (r.path === 'cancelled') return expect((await r.who.cancel(r.orderId)).status).toBe(200);
      expect(await checkout(r.invoice.checkoutUrl, 'paid')).toBe(200);
    });
    await all(on('running', 'scheduled', 'extended', 'cancelled_while_running'), (r) => until(r, 'running', (o) => o.status === 'running'));
    await all([...on('cancelled_while_running'), ...on('extended')], async (r) => {
      if (r.path === 'cancelled_while_running') {
        expect((await r.who.cancel(r.orderId)).status).toBe(200);
        return until(r, 'its machine returned', (o) => o.status === 'completed');
      }
      const extension = await r.who.extend(r.orderId, { duration: 'P7D' });
      expect(extension.status).toBe(201);
      expect(await checkout(extension.body.invoice.checkoutUrl, 'paid')).toBe(200);
      return until(r, 'extended', (o) => o.extensions[0]?.status === 'applied');
    });
    await all(on('cancelled'), (r) => until(r, 'cancelled', (o) => o.status === 'cancelled' && o.invoice.creditNotes.length === 1));
  }, 150_000);

  it('issues one invoice per order (two for the extended one), one credit note per cancellation and one refund for the paid one, with gapless numbers', async () => {
    const invoices = await query('billing', `SELECT order_id, count(*)::int AS n FROM invoices GROUP BY order_id`);
    expect(Object.fromEntries(invoices.map((row) => [row.order_id, row.n]))).toEqual(
      Object.fromEntries(rentals.map((r) => [r.orderId, r.path === 'extended' ? 2 : 1])),
    );
    const creditNotes = await query(
      'billing',
      `SELECT i.order_id, count(*)::int AS n FROM credit_notes c JOIN invoices i ON i.number = c.invoice_number GROUP BY i.order_id`,
    );
    expect(Object.fromEntries(creditNotes.map((row) => [row.order_id, row.n]))).toEqual(
      Object.fromEntries(on('cancelled', 'cancelled_while_running').map((r) => [r.orderId, 1])),
    );
    // Only a paid order has money to give back: the one cancelled while it ran.
    await eventually(
      () => query('billing', `SELECT count(*)::int AS n FROM refunds`),
      (rows) => rows[0].n > 0,
      30_000,
      'the refund',
    );
    expect(await query('billing', `SELECT count(*)::int AS n FROM refunds`)).toEqual([{ n: on('cancelled_while_running').length }]);
    for (const table of ['invoices', 'credit_notes', 'refunds']) {
      const numbers = (await query('billing', `SELECT number FROM ${table}`)).map((row) => row.number as string);
      const sequences = numbers.map((number) => Number(/^(?:[A-Z]+-)?\d{4}-(\d{6})$/.exec(number)![1])).sort((a, b) => a - b);
      expect({ table, sequences }).toEqual({ table, sequences: sequences.map((_, i) => i + 1) });
    }
  });

  it('builds one machine per paid unit and none for a cancelled order', async () => {
    const machines = await query('provisioning', `SELECT order_id, count(*)::int AS n FROM machines GROUP BY order_id`);
    expect(Object.fromEntries(machines.map((row) => [row.order_id, row.n]))).toEqual(
      Object.fromEntries(on('running', 'scheduled', 'extended', 'cancelled_while_running').map((r) => [r.orderId, 1])),
    );
  });

  it('fires each timer once: the provisioning start of each scheduled rental', async () => {
    const fired = await query(
      'provisioning',
      `SELECT key, attempts FROM durable_timer WHERE kind = 'provisioning.start' AND fired_at IS NOT NULL ORDER BY key`,
    );
    expect(fired).toEqual(
      on('scheduled')
        .map((r) => ({ key: r.orderId, attempts: 1 }))
        .sort((a, b) => a.key.localeCompare(b.key)),
    );
    // Fired once means one effect: the rental moved from scheduled to provisioning once (and one machine, above).
    for (const r of on('scheduled')) {
      expect((await r.who.order(r.orderId)).timeline.map((t: Json) => t.to)).toEqual([
        'placed',
        'awaiting_payment',
        'paid',
        'scheduled',
        'provisioning',
        'running',
      ]);
    }
  });

  it('sends each mail once', async () => {
    // The later fact: every delivery the notification service recorded has settled, and the sink holds as many mails as were sent.
    const settled = await eventually(
      async () => {
        const rows = await query('notification', `SELECT status, count(*)::int AS n FROM notification_delivery GROUP BY status`);
        return { ...Object.fromEntries(rows.map((row) => [row.status, row.n])), inSink: platform.sink.messages().length };
      },
      (seen: Json) => seen.pending === undefined && seen.failed === undefined && seen.sent === seen.inSink,
      60_000,
      'every delivery sent',
    );
    // Every rental was mailed at least at its order, its invoice and its end state.
    expect(settled.sent).toBeGreaterThanOrEqual(3 * rentals.length);
    const keys = platform.sink.messages().map((m) => `${m.to} ${m.subject}`);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('dead-letters nothing', async () => {
    for (const service of SERVICE_NAMES) {
      const topic = deadLetterTopic(service, platform.topicPrefix);
      expect({ topic, records: await topicSize(topic) }).toEqual({ topic, records: 0 });
    }
    console.log(
      `[two-instances] ${INSTANCES} instances of each service started in ${(startedIn / 1000).toFixed(1)} s; ` +
        `${rentals.length} rentals; whole run ${((Date.now() - began) / 1000).toFixed(1)} s`,
    );
  });
});
