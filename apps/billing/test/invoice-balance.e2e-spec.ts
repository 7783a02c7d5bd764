import { randomUUID } from 'node:crypto';
import {
  bankTransferReceivedV1,
  eventsTopic,
  invoiceBalanceChangedV1,
  orderAcceptedV1,
  orderCancelledV1,
  type PayloadOf,
  paymentRecordV1,
} from '@rental/contracts';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { BillingModule } from '../src/billing.module';
import { loadBillingSettings } from '../src/billing-settings';
import { clock, type InvoiceIssued, issuedFor, orderAccepted, orderCancelled, paidReport, paymentIdOf, processed, send } from './billing-test-kit';

type BalanceChanged = PayloadOf<typeof invoiceBalanceChangedV1>;

/**
 * invoice.balance-changed: billing says what an invoice's books add up to after every movement, in
 * the transaction that booked it, so no reader adds the movements up again. The revision counts the
 * ledger's entries; `payments` lists only the online payments that paid the invoice.
 */
describe('billing: the balance it publishes', () => {
  let billing: ServiceApp;
  let events: EventCollector;

  const invoiced = async () => {
    const order = orderAccepted();
    await send(billing, orderAcceptedV1, order.orderId, order);
    return { order, issued: await issuedFor(events, order.orderId) };
  };
  /** Every balance of the invoice billing recorded, oldest first, once there are `count` of them. */
  const balancesOf = (issued: InvoiceIssued, count: number) =>
    eventually(
      () =>
        billing.db
          .query(`SELECT key, value::jsonb AS payload FROM messaging_outbox WHERE event_type = $1 AND value::jsonb ->> 'invoiceNumber' = $2 ORDER BY id`, [
            invoiceBalanceChangedV1.type,
            issued.invoiceNumber,
          ])
          .then((r) => r.rows as { key: string; payload: BalanceChanged }[]),
      (rows) => rows.length >= count,
      30_000,
      `${count} balances of invoice ${issued.invoiceNumber}`,
    );
  const latest = async (issued: InvoiceIssued, count: number) => (await balancesOf(issued, count)).at(-1)!;
  const books = (issued: InvoiceIssued, figures: Partial<BalanceChanged>): BalanceChanged => ({
    orderId: expect.any(String),
    invoiceNumber: issued.invoiceNumber,
    currency: 'EUR',
    invoicedCents: 23_958,
    paidCents: 0,
    creditedCents: 0,
    refundedCents: 0,
    balanceCents: 23_958,
    payments: [],
    revision: 1,
    changedAt: expect.any(String),
    ...figures,
  });
  const transfer = (issued: InvoiceIssued, amountCents: number): PayloadOf<typeof bankTransferReceivedV1> => ({
    transferId: randomUUID(),
    amountCents,
    currency: 'EUR',
    payer: { name: 'Stroopwafel Logistics B.V.', iban: 'NL91ABNA0417164300' },
    reference: issued.paymentReference ?? '',
    receivedAt: clock.now().toISOString(),
  });

  beforeAll(async () => {
    billing = await startServiceApp('billing', (config) => BillingModule.register(config, loadBillingSettings(), { clock }));
    events = await collectEvents([eventsTopic('billing', billing.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await billing?.close();
  });

  it("opens at revision 1 when the invoice is issued, keyed by the order, at the time of billing's clock", async () => {
    const before = clock.now().getTime();
    const { order, issued } = await invoiced();
    const [opened] = await balancesOf(issued, 1);
    expect(opened.key).toBe(order.orderId);
    expect(opened.payload).toEqual(books(issued, { orderId: order.orderId }));
    const changedAt = new Date(opened.payload.changedAt).getTime();
    expect(changedAt).toBeGreaterThanOrEqual(before);
    expect(changedAt).toBeLessThanOrEqual(clock.now().getTime());
  });

  it('lists the online payment that paid the invoice, and nothing is owed', async () => {
    const { issued } = await invoiced();
    const report = paidReport(paymentIdOf(issued), 23_958);
    await send(billing, paymentRecordV1, report.paymentId, report);
    expect((await latest(issued, 2)).payload).toEqual(
      books(issued, {
        paidCents: 23_958,
        balanceCents: 0,
        payments: [{ paymentId: report.paymentId, amountCents: 23_958, paidAt: report.reportedAt }],
        revision: 2,
      }),
    );
  });

  it('counts a partial transfer and the transfer that settles the invoice once each, and lists neither as an online payment', async () => {
    const { issued } = await invoiced();
    await send(billing, bankTransferReceivedV1, issued.paymentReference!, transfer(issued, 10_000));
    expect((await latest(issued, 2)).payload).toEqual(books(issued, { paidCents: 10_000, balanceCents: 13_958, revision: 2 }));
    await send(billing, bankTransferReceivedV1, issued.paymentReference!, transfer(issued, 13_958));
    expect((await latest(issued, 3)).payload).toEqual(books(issued, { paidCents: 23_958, balanceCents: 0, revision: 3 }));
    expect(await balancesOf(issued, 3)).toHaveLength(3);
  });

  it('shows the credit note and the refund of a paid invoice cancelled, in the transaction that issued them', async () => {
    const { order, issued } = await invoiced();
    const report = paidReport(paymentIdOf(issued), 23_958);
    await send(billing, paymentRecordV1, report.paymentId, report);
    await balancesOf(issued, 2);
    await send(billing, orderCancelledV1, order.orderId, orderCancelled(order));
    expect((await latest(issued, 3)).payload).toEqual(
      books(issued, {
        paidCents: 23_958,
        creditedCents: 23_958,
        refundedCents: 23_958,
        balanceCents: 0,
        payments: [{ paymentId: report.paymentId, amountCents: 23_958, paidAt: report.reportedAt }],
        // The refund and the credit note are two entries of the ledger, booked in one step.
        revision: 4,
      }),
    );
  });

  it('books a payment that came after the invoice was paid and its refund, and still lists only the payment that paid it', async () => {
    const { issued } = await invoiced();
    const first = paidReport(paymentIdOf(issued), 23_958);
    await send(billing, paymentRecordV1, first.paymentId, first);
    await balancesOf(issued, 2);
    const again = await send(billing, paymentRecordV1, first.paymentId, paidReport(paymentIdOf(issued), 23_958));
    await processed(billing, again);
    expect((await latest(issued, 3)).payload).toEqual(
      books(issued, {
        paidCents: 2 * 23_958,
        refundedCents: 23_958,
        balanceCents: 0,
        payments: [{ paymentId: first.paymentId, amountCents: 23_958, paidAt: first.reportedAt }],
        revision: 4,
      }),
    );
  });
});
