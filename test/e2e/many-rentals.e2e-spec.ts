import { INVOICE_BALANCE_VIOLATIONS_SQL, INVOICE_BOOKS_SQL } from '../../apps/billing/src/infrastructure/persistence/invoice-books';
import { CAPACITY_LEAKS_SQL } from '../../apps/provisioning/src/infrastructure/capacity-leaks';
import { checkout, CustomerClient, type Json } from '../support/customer-client';
import { eventuallyExpect } from '../support/isolation';
import { OPERATOR_TOKEN, type Platform, startPlatform } from '../support/platform';

const MINUTE = 60_000;
const DAY = 86_400_000;
const RENTALS = Number(process.env.MANY_RENTALS ?? 50);
const SEED = Number(process.env.MANY_RENTALS_SEED ?? 20_261_125);

/** Every way a rental can go; each ends in a known status with a known part of its money kept. */
const PATHS = [
  'quote_expired',
  'no_capacity',
  'cancelled_before_payment',
  'never_paid',
  'paid_too_late',
  'payment_failed_then_paid',
  'provisioning_failed',
  'retried_then_ran',
  'cancelled_while_provisioning',
  'cancelled_while_running',
  'extended',
  'extension_lapsed',
  'ran_to_the_end',
] as const;
type Path = (typeof PATHS)[number];

/** What each path leaves: the order's final status, and whether the company keeps money for it. */
const OUTCOME: Record<Path, { status: string | null; keepsMoney: boolean }> = {
  quote_expired: { status: null, keepsMoney: false },
  no_capacity: { status: 'rejected', keepsMoney: false },
  cancelled_before_payment: { status: 'cancelled', keepsMoney: false },
  never_paid: { status: 'cancelled', keepsMoney: false },
  paid_too_late: { status: 'cancelled', keepsMoney: false },
  payment_failed_then_paid: { status: 'completed', keepsMoney: true },
  provisioning_failed: { status: 'failed', keepsMoney: false },
  retried_then_ran: { status: 'completed', keepsMoney: true },
  cancelled_while_provisioning: { status: 'cancelled', keepsMoney: false },
  cancelled_while_running: { status: 'completed', keepsMoney: true },
  extended: { status: 'completed', keepsMoney: true },
  extension_lapsed: { status: 'completed', keepsMoney: true },
  ran_to_the_end: { status: 'completed', keepsMoney: true },
};

/** mulberry32: a small seeded generator, so that a failing mix can be run again with its seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Rental {
  path: Path;
  who: CustomerClient;
  location: 'ams1' | 'fra1';
  quoteId: string;
  orderId?: string;
  invoice?: Json;
}

/**
 * Many rentals at once through a seeded mix of every path, then the books: every hold and address
 * released, every euro kept for a delivered rental or refunded, no document number skipped or
 * doubled. Prints its figures; MANY_RENTALS and MANY_RENTALS_SEED change the run.
 */
describe(`${RENTALS} rentals at once through a mix of every path (seed ${SEED})`, () => {
  let platform: Platform;
  const rentals: Rental[] = [];
  const began = Date.now();
  const now = () => platform.clock.now();
  const on = (paths: Path[]) => rentals.filter((r) => paths.includes(r.path));
  const all = <T>(list: Rental[], work: (r: Rental) => Promise<T>) => Promise.all(list.map(work));
  const until = (r: Rental, what: string, pass: (o: Json) => boolean) => r.who.until(r.orderId!, `${what} (${r.path})`, pass, 90_000);
  const forceFailures = async (orderId: string, body: Json) => {
    const response = await fetch(`${platform.apps.provisioning.baseUrl}/simulated-datacentre/orders/${orderId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-operator-token': OPERATOR_TOKEN },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) throw new Error(`forcing failures answered ${response.status}`);
  };

  beforeAll(async () => {
    // Fifty customers at once on two shared cores: the paths are under test, not the latency, so a
    // request waits as long as the platform needs for its answer rather than giving up with a 504.
    platform = await startPlatform({ GATEWAY_REPLY_TIMEOUT_MS: '60000' });
    const random = seeded(SEED);
    // Every path at least once, the rest drawn at random.
    const paths: Path[] = [...PATHS, ...Array.from({ length: Math.max(0, RENTALS - PATHS.length) }, () => PATHS[Math.floor(random() * PATHS.length)])];
    for (const path of paths) {
      rentals.push({ path, location: random() < 0.5 ? 'ams1' : 'fra1', who: await CustomerClient.register(platform.gatewayUrl), quoteId: '' });
    }
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('takes every rental down its path', async () => {
    // Quotes that expire come first: moving the clock a day would expire everyone else's too.
    await all(on(['quote_expired']), async (r) => {
      r.quoteId = (await r.who.quote({ now: now(), planCode: 'small-2' })).id;
    });
    platform.clock.advance(24 * 60 * MINUTE + MINUTE);
    await all(on(['quote_expired']), async (r) => expect((await r.who.placeOrder(r.quoteId)).status).toBe(422));

    const ordering = rentals.filter((r) => r.path !== 'quote_expired');
    await all(ordering, async (r) => {
      const quote =
        r.path === 'no_capacity'
          ? await r.who.quote({ now: now(), planCode: 'xlarge-16', locationCode: 'fra1', quantity: 40 })
          : await r.who.quote({ now: now(), planCode: 'small-2', locationCode: r.location });
      r.quoteId = quote.id;
      const placed = await r.who.placeOrder(quote.id);
      expect(placed.status).toBe(201);
      r.orderId = placed.body.id;
      if (r.path === 'provisioning_failed') await forceFailures(r.orderId!, { failAttempts: 'all' });
      if (r.path === 'retried_then_ran') await forceFailures(r.orderId!, { failAttempts: 1 });
      if (r.path === 'cancelled_while_provisioning') await forceFailures(r.orderId!, { delayMs: 2_000 });
    });
    await all(on(['no_capacity']), (r) => until(r, 'rejected', (o) => o.status === 'rejected'));
    const invoiced = ordering.filter((r) => r.path !== 'no_capacity');
    await all(invoiced, async (r) => {
      r.invoice = (await until(r, 'the invoice', (o) => o.status === 'awaiting_payment' && o.invoice !== undefined)).invoice;
    });

    // Payments, failed attempts and cancellations, all at once.
    await all(invoiced, async (r) => {
      if (r.path === 'cancelled_before_payment') return expect((await r.who.cancel(r.orderId!)).status).toBe(200);
      if (r.path === 'never_paid' || r.path === 'paid_too_late') return;
      if (r.path === 'payment_failed_then_paid') expect(await checkout(r.invoice.checkoutUrl, 'failed', 'card expired')).toBe(200);
      expect(await checkout(r.invoice.checkoutUrl, 'paid')).toBe(200);
    });
    await all(on(['cancelled_while_provisioning']), async (r) => {
      await until(r, 'provisioning', (o) => o.status === 'provisioning');
      expect((await r.who.cancel(r.orderId!)).status).toBe(200);
    });
    await all(on(['provisioning_failed']), (r) => until(r, 'failed', (o) => o.status === 'failed'));
    const delivered = on(['payment_failed_then_paid', 'retried_then_ran', 'cancelled_while_running', 'extended', 'extension_lapsed', 'ran_to_the_end']);
    await all(delivered, (r) => until(r, 'running', (o) => o.status === 'running'));

    // The payment windows close; some payers pay anyway.
    platform.clock.advance(61 * MINUTE);
    await all(on(['never_paid', 'paid_too_late']), (r) => until(r, 'cancelled', (o) => o.status === 'cancelled' && o.invoice.creditNotes.length === 1));
    await all(on(['paid_too_late']), async (r) => expect(await checkout(r.invoice.checkoutUrl, 'paid')).toBe(200));

    // A day into the rentals: cancellations while running, and extensions (paid or not).
    platform.clock.advance(DAY);
    await all(on(['cancelled_while_running']), async (r) => expect((await r.who.cancel(r.orderId!)).status).toBe(200));
    await all(on(['extended', 'extension_lapsed']), async (r) => {
      const extension = await r.who.extend(r.orderId!, { duration: 'P7D' });
      expect(extension.status).toBe(201);
      if (r.path === 'extended') {
        expect(await checkout(extension.body.invoice.checkoutUrl, 'paid')).toBe(200);
        await until(r, 'extended', (o) => o.extensions[0]?.status === 'applied');
      }
    });

    // Past every end, extended ones included: reminders, ends, machines wiped and returned.
    platform.clock.advance(40 * DAY);
    await all(
      rentals.filter((r) => r.orderId !== undefined),
      (r) => until(r, OUTCOME[r.path].status!, (o) => o.status === OUTCOME[r.path].status),
    );
    // A shared 2-core machine runs the other test files beside this one.
  }, 300_000);

  it('leaves no capacity hold or IP address behind', async () => {
    await eventuallyExpect(async () => expect((await platform.apps.provisioning.db.query(CAPACITY_LEAKS_SQL)).rows).toEqual([]), 60_000);
  });

  it('keeps every euro of a delivered rental and refunds every other one, with balanced books', async () => {
    const billing = platform.apps.billing.db;
    await eventuallyExpect(async () => {
      const books = (await billing.query(INVOICE_BOOKS_SQL)).rows;
      expect(books.filter((b: Json) => Number(b.refunds_pending) > 0)).toEqual([]);
      expect((await billing.query(INVOICE_BALANCE_VIOLATIONS_SQL)).rows).toEqual([]);
    }, 60_000);
    const books = (await billing.query(INVOICE_BOOKS_SQL)).rows;
    for (const r of rentals.filter((x) => x.orderId !== undefined)) {
      const mine = books.filter((b: Json) => b.order_id === r.orderId);
      const kept = mine.reduce((sum: number, b: Json) => sum + Number(b.paid) - Number(b.refunded), 0);
      const owed = mine.reduce((sum: number, b: Json) => sum + Number(b.invoiced) - Number(b.credited), 0);
      expect({ order: r.orderId, path: r.path, kept }).toEqual({ order: r.orderId, path: r.path, kept: owed });
      expect({ path: r.path, keepsMoney: kept > 0 }).toEqual({ path: r.path, keepsMoney: OUTCOME[r.path].keepsMoney });
      if (r.path === 'extended') expect(mine.map((b: Json) => b.status)).toEqual(['paid', 'paid']);
      if (r.path === 'extension_lapsed') expect(mine.map((b: Json) => b.status)).toEqual(['paid', 'cancelled']);
    }
  });

  it('skips and doubles no invoice, credit note or refund number', async () => {
    const billing = platform.apps.billing.db;
    for (const [table, column] of [
      ['invoices', 'number'],
      ['credit_notes', 'number'],
      ['refunds', 'number'],
    ]) {
      const numbers: string[] = (await billing.query(`SELECT ${column} AS n FROM ${table}`)).rows.map((row: Json) => row.n);
      const byYear = new Map<string, number[]>();
      for (const number of numbers) {
        const [, year, sequence] = /^(?:[A-Z]+-)?(\d{4})-(\d{6})$/.exec(number)!;
        byYear.set(year, [...(byYear.get(year) ?? []), Number(sequence)]);
      }
      for (const [year, sequences] of byYear) {
        const sorted = [...sequences].sort((a, b) => a - b);
        expect({ table, year, sequences: sorted }).toEqual({ table, year, sequences: sorted.map((_, i) => i + 1) });
      }
    }
    const counts = Object.fromEntries(PATHS.map((p) => [p, rentals.filter((r) => r.path === p).length]));
    const documents = async (table: string) => Number((await billing.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    console.log(
      `[many-rentals] ${rentals.length} rentals, seed ${SEED}, in ${((Date.now() - began) / 1000).toFixed(1)} s: ` +
        `${JSON.stringify(counts)}; ${await documents('invoices')} invoices, ${await documents('credit_notes')} credit notes, ` +
        `${await documents('refunds')} refunds, ${platform.sink.messages().length} mails`,
    );
  });
});
