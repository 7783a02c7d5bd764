import { randomUUID } from 'node:crypto';
import { deadLetterTopic, eventsTopic, invoiceIssuedV1, orderAcceptedV1, type PayloadOf, topicOf } from '@rental/contracts';
import { DeadLetterHeader } from '@rental/messaging';
import { REVERSE_CHARGE_NOTE } from '@rental/vat';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw, readAll } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { BillingModule } from '../src/billing.module';
import { loadBillingSettings } from '../src/billing-settings';
import { clock, dutchBusiness, dutchPrice, germanBusiness, KIT_YEAR, type OrderAccepted, orderAccepted, reverseChargedPrice } from './billing-test-kit';

type InvoiceIssued = PayloadOf<typeof invoiceIssuedV1>;

const PUBLIC_URL = 'http://checkout.sandbox.test:8080';

/** order.accepted in, invoice.issued out: numbering, VAT, due date, checkout URL, and what is stored. */
describe('billing: invoicing accepted orders', () => {
  let billing: ServiceApp;
  let events: EventCollector;
  const year = KIT_YEAR;

  /** Sends order.accepted as the order service would; resolves with the event id. */
  const accept = async (order: OrderAccepted): Promise<string> => {
    const id = randomUUID();
    await produceRaw(topicOf(orderAcceptedV1, billing.topicPrefix), [envelopeMessage(orderAcceptedV1, order.orderId, order, { id })]);
    return id;
  };
  const issuedFor = (orderId: string) => events.waitFor<InvoiceIssued>(invoiceIssuedV1.type, (e) => e.payload.orderId === orderId);
  const counter = async () => (await billing.db.query(`SELECT last FROM invoice_number_counters WHERE year = $1`, [year])).rows[0]?.last;

  beforeAll(async () => {
    billing = await startServiceApp('billing', (config) => BillingModule.register(config, loadBillingSettings({ SANDBOX_PUBLIC_URL: PUBLIC_URL }), { clock }), {
      CONSUMER_HANDLER_ATTEMPTS: '2',
    });
    events = await collectEvents([eventsTopic('billing', billing.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await billing?.close();
  });

  it('invoices a Dutch business at 21%, due when the payment window closes, with a checkout URL', async () => {
    const order = orderAccepted(dutchBusiness(), dutchPrice());
    await accept(order);
    const issued = await issuedFor(order.orderId);

    expect(issued.key).toBe(order.orderId);
    expect(issued.payload).toMatchObject({
      orderId: order.orderId,
      customerId: order.customer.customerId,
      currency: 'EUR',
      netCents: 19_800,
      vat: { ratePercent: 21, treatment: 'standard' },
      vatCents: 4_158,
      grossCents: 23_958,
      dueAt: order.paymentDueAt,
      recipient: { email: order.customer.email, language: 'nl' },
    });
    expect(issued.payload.invoiceNumber).toMatch(new RegExp(`^${year}-\\d{6}$`));
    expect(issued.payload.checkoutUrl).toMatch(new RegExp(`^${PUBLIC_URL}/sandbox/checkout/[0-9a-f-]{36}/[A-Za-z0-9_-]{43}$`));
    expect(issued.causationId).not.toBeNull();

    const invoice = (await billing.db.query(`SELECT * FROM invoices WHERE order_id = $1`, [order.orderId])).rows[0];
    expect(invoice).toMatchObject({
      number: issued.payload.invoiceNumber,
      status: 'open',
      customer_name: order.customer.name,
      customer_vat_number: 'NL123456789B01',
      seller_name: 'Rackhire B.V.',
      vat_treatment: 'standard',
      gross_cents: '23958',
    });
    const lines = (
      await billing.db.query(`SELECT description, quantity, unit_price_cents, line_total_cents FROM invoice_lines WHERE invoice_number = $1`, [invoice.number])
    ).rows;
    expect(lines).toEqual([{ description: `${order.description}: 1 month x 2 machines`, quantity: 2, unit_price_cents: '9900', line_total_cents: '19800' }]);
    const paymentId = issued.payload.checkoutUrl.split('/').at(-2);
    const payment = (await billing.db.query(`SELECT * FROM payments WHERE payment_id = $1`, [paymentId])).rows[0];
    expect(payment).toMatchObject({ invoice_number: invoice.number, provider: 'sandbox', amount_cents: '23958', status: 'open' });
  });

  it('reverse-charges a German business with a valid VAT number at 0%, with the legal note', async () => {
    const order = orderAccepted(germanBusiness(), reverseChargedPrice());
    await accept(order);
    const issued = await issuedFor(order.orderId);
    expect(issued.payload).toMatchObject({
      netCents: 19_800,
      vat: { ratePercent: 0, treatment: 'reverse_charge', note: REVERSE_CHARGE_NOTE },
      vatCents: 0,
      grossCents: 19_800,
      recipient: { email: order.customer.email, language: 'en' },
    });
    const stored = (await billing.db.query(`SELECT vat_note, vat_rate_percent FROM invoices WHERE order_id = $1`, [order.orderId])).rows[0];
    expect(stored).toEqual({ vat_note: REVERSE_CHARGE_NOTE, vat_rate_percent: '0.00' });
  });

  it('makes an order billing sees after its payment window closed due at once, instead of refusing it', async () => {
    const late = { ...orderAccepted(), paymentDueAt: new Date(clock.now().getTime() - 60_000).toISOString() };
    await accept(late);
    const issued = await issuedFor(late.orderId);
    expect(issued.payload.dueAt).toBe(issued.payload.issuedAt);
  });

  it('invoices an order once, however often it is accepted', async () => {
    const order = orderAccepted();
    await accept(order);
    await issuedFor(order.orderId);
    // The same fact again under a new event id (the inbox lets it through, so the handler must not).
    const againId = await accept(order);
    await eventually(
      () => billing.db.query(`SELECT 1 FROM messaging_inbox WHERE event_id = $1`, [againId]).then((r) => r.rowCount),
      (count) => count === 1,
      30_000,
      'the second order.accepted to be processed',
    );
    const invoices = await billing.db.query(`SELECT number FROM invoices WHERE order_id = $1`, [order.orderId]);
    expect(invoices.rowCount).toBe(1);
    // The outbox row would be written in the same transaction as the inbox row: there is none.
    const announced = await billing.db.query(`SELECT 1 FROM messaging_outbox WHERE event_type = 'invoice.issued' AND key = $1`, [order.orderId]);
    expect(announced.rowCount).toBe(1);
  });

  it('dead-letters an order whose price disagrees with billing, without using up a number', async () => {
    const before = await counter();
    // Priced with reverse charge, but a Dutch business pays Dutch VAT.
    const wrong = orderAccepted(dutchBusiness(), reverseChargedPrice());
    await accept(wrong);
    const [letter] = await readAll(deadLetterTopic('billing', billing.topicPrefix), 1);
    expect(String(letter.headers?.[DeadLetterHeader.reason])).toBe('handler-failed');
    expect(String(letter.headers?.[DeadLetterHeader.detail])).toContain(`order ${wrong.orderId}: the invoice billing computes does not match`);
    expect((await billing.db.query(`SELECT 1 FROM invoices WHERE order_id = $1`, [wrong.orderId])).rowCount).toBe(0);

    // Each failed attempt took a number and rolled it back: the next invoice follows on directly.
    const next = orderAccepted();
    await accept(next);
    const issued = await issuedFor(next.orderId);
    expect(issued.payload.invoiceNumber).toBe(`${year}-${String(before + 1).padStart(6, '0')}`);
  });
});
