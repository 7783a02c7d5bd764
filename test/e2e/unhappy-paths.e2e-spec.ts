import { checkout, CustomerClient, type Json } from '../support/customer-client';
import { startPlatform, type Platform } from '../support/platform';

const MINUTE = 60_000;

/**
 * Every path of a rental that does not go as planned, end to end: the five services on the real
 * broker and databases, a customer driving them over the gateway's HTTP API (and the sandbox
 * payment page), the platform's clock moved instead of waiting for windows and days to pass.
 */
describe('when a rental does not go as planned', () => {
  let platform: Platform;
  const now = () => platform.clock.now();
  const mailsTo = (email: string) => platform.sink.messages().filter((m) => m.to.includes(email));

  beforeAll(async () => {
    platform = await startPlatform();
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('refuses to order an expired quote, with a clear 4xx, and reserves and invoices nothing', async () => {
    const customer = await CustomerClient.register(platform.gatewayUrl);
    const quote = await customer.quote({ now: now() });
    platform.clock.advance(24 * 60 * MINUTE + MINUTE);
    const refused = await customer.placeOrder(quote.id);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: 'quote_expired' } });
    const holds = await platform.apps.provisioning.db.query(`SELECT count(*)::int AS n FROM capacity_holds`);
    const invoices = await platform.apps.billing.db.query(`SELECT count(*)::int AS n FROM invoices`);
    expect([holds.rows[0].n, invoices.rows[0].n]).toEqual([0, 0]);
  });

  it('rejects an order no host can take before anything is invoiced, and tells the customer why', async () => {
    const customer = await CustomerClient.register(platform.gatewayUrl);
    const quote = await customer.quote({ now: now(), planCode: 'xlarge-16', locationCode: 'fra1', quantity: 40 });
    const placed = await customer.placeOrder(quote.id);
    expect(placed.status).toBe(201);
    const rejected = await customer.until(placed.body.id, 'the rejection', (o: Json) => o.status === 'rejected');
    expect(rejected.timeline.at(-1)).toMatchObject({ to: 'rejected', trigger: 'capacity_unavailable' });
    expect(rejected.timeline.at(-1).detail).toContain('fra1');
    const invoices = await platform.apps.billing.db.query(`SELECT count(*)::int AS n FROM invoices WHERE order_id = $1`, [placed.body.id]);
    expect(invoices.rows[0].n).toBe(0);
    await expectMail(customer.email, /capacity|room|available/i);
  });

  const expectMail = async (email: string, subject: RegExp) => {
    const deadline = Date.now() + 30_000;
    while (!mailsTo(email).some((m) => subject.test(m.subject))) {
      if (Date.now() > deadline) throw new Error(`no mail matching ${subject} to ${email}; got ${mailsTo(email).map((m) => m.subject).join(' | ')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  void checkout;
});
