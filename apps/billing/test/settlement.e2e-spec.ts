import {
  creditNoteIssuedV1,
  eventsTopic,
  invoicePaidV1,
  orderAcceptedV1,
  orderCancelledV1,
  orderEndedV1,
  orderExtensionAcceptedV1,
  type PayloadOf,
  paymentRecordV1,
  paymentRefundedV1,
} from '@rental/contracts';
import { Money } from '@rental/money';
import { DataSource } from 'typeorm';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import type { RefundRequest } from '../src/application/ports/payment-provider';
import { BillingModule } from '../src/billing.module';
import { loadBillingSettings } from '../src/billing-settings';
import { InvoiceRepository } from '../src/infrastructure/persistence/invoice.repository';
import { SandboxPaymentProvider, SandboxRefundRefusedError } from '../src/infrastructure/sandbox/sandbox-payment-provider';
import {
  balanceViolations,
  clock,
  extensionAccepted,
  type InvoiceIssued,
  issuedFor,
  KIT_YEAR,
  type OrderAccepted,
  orderAccepted,
  orderCancelled,
  orderEnded,
  paidReport,
  paymentIdOf,
  processed,
  send,
} from './billing-test-kit';

type CreditNoteIssued = PayloadOf<typeof creditNoteIssuedV1>;
type PaymentRefunded = PayloadOf<typeof paymentRefundedV1>;
type InvoicePaid = PayloadOf<typeof invoicePaidV1>;

/**
 * The end of a rental, as billing sees it: order.cancelled (in full, or the unused days while
 * running) and order.ended settle the order's invoices with credit notes and refunds; money that
 * arrives for an invoice that no longer takes it goes back; and every invoice keeps its balance.
 */
describe('billing: settling cancelled and ended orders', () => {
  let billing: ServiceApp;
  let events: EventCollector;
  const year = KIT_YEAR;

  const invoiced = async (order: OrderAccepted = orderAccepted()) => {
    await send(billing, orderAcceptedV1, order.orderId, order);
    return { order, issued: await issuedFor(events, order.orderId) };
  };
  const extended = async (order: OrderAccepted) => {
    const extension = extensionAccepted(order);
    await send(billing, orderExtensionAcceptedV1, order.orderId, extension);
    return { extension, issued: await issuedFor(events, order.orderId, extension.extensionId) };
  };
  const pay = async (issued: InvoiceIssued) => {
    await send(billing, paymentRecordV1, paymentIdOf(issued), paidReport(paymentIdOf(issued), issued.grossCents));
    return events.waitFor<InvoicePaid>(invoicePaidV1.type, (e) => e.payload.invoiceNumber === issued.invoiceNumber).then((e) => e.payload);
  };
  const creditNoteFor = (issued: InvoiceIssued) =>
    events.waitFor<CreditNoteIssued>(creditNoteIssuedV1.type, (e) => e.payload.invoiceNumber === issued.invoiceNumber).then((e) => e.payload);
  const refundFor = (issued: InvoiceIssued, reason?: PaymentRefunded['reason']) =>
    events
      .waitFor<PaymentRefunded>(
        paymentRefundedV1.type,
        (e) => e.payload.invoiceNumber === issued.invoiceNumber && (reason === undefined || e.payload.reason === reason),
      )
      .then((e) => e.payload);
  const published = (type: string, invoiceNumber: string) =>
    billing.db
      .query(`SELECT 1 FROM messaging_outbox WHERE event_type = $1 AND value::jsonb ->> 'invoiceNumber' = $2`, [type, invoiceNumber])
      .then((r) => r.rowCount);
  const statusOf = async (issued: InvoiceIssued) =>
    (await billing.db.query(`SELECT status FROM invoices WHERE number = $1`, [issued.invoiceNumber])).rows[0].status as string;
  const ledgerOf = async (issued: InvoiceIssued) =>
    (
      await billing.db.query(`SELECT kind, amount_cents FROM invoice_ledger_entries WHERE invoice_number = $1 ORDER BY position`, [issued.invoiceNumber])
    ).rows.map((r) => `${r.kind} ${r.amount_cents}`);
  const creditNoteNumber = expect.stringMatching(new RegExp(`^CN-${year}-\\d{6}$`));
  const refundNumber = expect.stringMatching(new RegExp(`^RF-${year}-\\d{6}$`));

  beforeAll(async () => {
    billing = await startServiceApp('billing', (config) => BillingModule.register(config, loadBillingSettings(), { clock }), {
      CONSUMER_HANDLER_ATTEMPTS: '2',
    });
    events = await collectEvents([eventsTopic('billing', billing.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await billing?.close();
  });

  it('credits an unpaid invoice in full when its payment window closes, and refunds nothing', async () => {
    const { order, issued } = await invoiced();
    await send(billing, orderCancelledV1, order.orderId, orderCancelled(order, { reason: 'payment_window_closed' }));
    expect(await creditNoteFor(issued)).toEqual({
      orderId: order.orderId,
      customerId: order.customer.customerId,
      invoiceNumber: issued.invoiceNumber,
      creditNoteNumber,
      reason: 'payment_window_closed',
      currency: 'EUR',
      netCents: 19_800,
      vatCents: 4_158,
      grossCents: 23_958,
      invoiceCancelled: true,
      issuedAt: expect.any(String),
    });
    expect(await statusOf(issued)).toBe('cancelled');
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958', 'credit_note 23958']);
    expect((await billing.db.query(`SELECT 1 FROM refunds WHERE invoice_number = $1`, [issued.invoiceNumber])).rowCount).toBe(0);

    // An attempt that fails after the window closed is recorded, but there is nothing to try again.
    const failed = await send(billing, paymentRecordV1, paymentIdOf(issued), {
      ...paidReport(paymentIdOf(issued), 0),
      status: 'failed',
      failureReason: 'expired card',
    });
    await processed(billing, failed);
    const reports = await billing.db.query(`SELECT attempt, outcome FROM payment_reports WHERE invoice_number = $1`, [issued.invoiceNumber]);
    expect(reports.rows).toEqual([{ attempt: 1, outcome: 'failure_after_settlement' }]);
    expect(await published('payment.failed', issued.invoiceNumber)).toBe(0);
  });

  it.each([
    ['customer_cancelled', 'customer_cancelled'],
    ['provisioning_failed', 'provisioning_failed'],
    // Paid in billing while the order gave up on it: the payment came too late for the order.
    ['payment_window_closed', 'late_payment'],
  ] as const)('refunds a paid invoice in full through the provider and credits it when the order is cancelled (%s)', async (reason, refundReason) => {
    const { order, issued } = await invoiced();
    await pay(issued);
    await send(billing, orderCancelledV1, order.orderId, orderCancelled(order, { reason }));

    expect(await creditNoteFor(issued)).toMatchObject({ reason, grossCents: 23_958, invoiceCancelled: true });
    const refunded = await refundFor(issued);
    expect(refunded).toEqual({
      orderId: order.orderId,
      customerId: order.customer.customerId,
      invoiceNumber: issued.invoiceNumber,
      refundNumber,
      paymentId: paymentIdOf(issued),
      reason: refundReason,
      amountCents: 23_958,
      currency: 'EUR',
      refundedAt: expect.any(String),
    });
    // payment.refunded follows the provider's confirmation: the sandbox holds the refund under billing's number.
    const atProvider = await billing.db.query(`SELECT payment_id, amount_cents, refunded_at FROM sandbox_refunds WHERE refund_number = $1`, [
      refunded.refundNumber,
    ]);
    expect(atProvider.rows).toEqual([{ payment_id: paymentIdOf(issued), amount_cents: '23958', refunded_at: new Date(refunded.refundedAt) }]);
    const stored = await billing.db.query(`SELECT status, attempts, reason FROM refunds WHERE number = $1`, [refunded.refundNumber]);
    expect(stored.rows).toEqual([{ status: 'confirmed', attempts: 1, reason: refundReason }]);
    expect(await statusOf(issued)).toBe('cancelled');
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958', 'payment 23958', 'refund 23958', 'credit_note 23958']);
  });

  it('credits and refunds the unused whole days of a running rental pro rata, and credits an unpaid extension in full, once however often it is cancelled', async () => {
    const { order, issued } = await invoiced();
    await pay(issued);
    const { extension, issued: extensionInvoice } = await extended(order);
    expect(extensionInvoice).toMatchObject({ extensionId: extension.extensionId, grossCents: 7_986, dueAt: new Date(extension.paymentDueAt).toISOString() });

    // A 30-day period from 1 December 09:00, cancelled during its 10th day: 20 whole days unused.
    const cancelled = orderCancelled(order, { settlement: 'unused_days', wasRunning: true, cancelledAt: '2026-12-10T14:00:00Z' });
    const first = await send(billing, orderCancelledV1, order.orderId, cancelled);
    const again = await send(billing, orderCancelledV1, order.orderId, cancelled);
    await processed(billing, first, again);

    // 20/30 of 198.00 = 132.00 net, 21% VAT 27.72: 159.72.
    expect(await creditNoteFor(issued)).toMatchObject({
      reason: 'unused_days',
      netCents: 13_200,
      vatCents: 2_772,
      grossCents: 15_972,
      invoiceCancelled: false,
    });
    expect(await refundFor(issued)).toMatchObject({ reason: 'unused_days', amountCents: 15_972, paymentId: paymentIdOf(issued) });
    expect(await creditNoteFor(extensionInvoice)).toMatchObject({
      reason: 'customer_cancelled',
      netCents: 6_600,
      vatCents: 1_386,
      grossCents: 7_986,
      invoiceCancelled: true,
    });
    expect(await statusOf(issued)).toBe('paid');
    expect(await statusOf(extensionInvoice)).toBe('cancelled');
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958', 'payment 23958', 'refund 15972', 'credit_note 15972']);
    expect(await published(creditNoteIssuedV1.type, issued.invoiceNumber)).toBe(1);
    expect(await published(creditNoteIssuedV1.type, extensionInvoice.invoiceNumber)).toBe(1);
    expect((await billing.db.query(`SELECT 1 FROM refunds WHERE order_id = $1`, [order.orderId])).rowCount).toBe(1);
  });

  it('credits nothing for a running rental cancelled on its last day', async () => {
    const { order, issued } = await invoiced();
    await pay(issued);
    const id = await send(
      billing,
      orderCancelledV1,
      order.orderId,
      orderCancelled(order, { settlement: 'unused_days', wasRunning: true, cancelledAt: '2026-12-30T10:00:00Z' }),
    );
    await processed(billing, id);
    expect(await published(creditNoteIssuedV1.type, issued.invoiceNumber)).toBe(0);
    expect(await statusOf(issued)).toBe('paid');
  });

  it('at the end of a rental credits an unpaid extension, and refunds and credits one paid too late to apply', async () => {
    const { order, issued } = await invoiced();
    await pay(issued);
    const applied = await extended(order);
    const lapsed = await extended(order);
    const unpaid = await extended(order);
    expect(await pay(applied.issued)).toMatchObject({ extensionId: applied.extension.extensionId });
    await pay(lapsed.issued);

    const id = await send(billing, orderEndedV1, order.orderId, orderEnded(order, [applied.extension.extensionId]));
    expect(await creditNoteFor(unpaid.issued)).toMatchObject({ reason: 'extension_unpaid', grossCents: 7_986, invoiceCancelled: true });
    expect(await creditNoteFor(lapsed.issued)).toMatchObject({ reason: 'extension_lapsed', grossCents: 7_986, invoiceCancelled: true });
    expect(await refundFor(lapsed.issued)).toMatchObject({ reason: 'extension_lapsed', amountCents: 7_986, paymentId: paymentIdOf(lapsed.issued) });
    await processed(billing, id);
    expect(await Promise.all([issued, applied.issued, lapsed.issued, unpaid.issued].map(statusOf))).toEqual(['paid', 'paid', 'cancelled', 'cancelled']);
    expect(await published(creditNoteIssuedV1.type, issued.invoiceNumber)).toBe(0);
    expect(await published(creditNoteIssuedV1.type, applied.issued.invoiceNumber)).toBe(0);
    expect(await published(paymentRefundedV1.type, unpaid.issued.invoiceNumber)).toBe(0);
  });

  it('refunds a payment that arrives after its invoice was cancelled, once however often it is reported', async () => {
    const { order, issued } = await invoiced();
    await send(billing, orderCancelledV1, order.orderId, orderCancelled(order, { reason: 'payment_window_closed' }));
    await creditNoteFor(issued);

    const late = paidReport(paymentIdOf(issued), issued.grossCents);
    const first = await send(billing, paymentRecordV1, late.paymentId, late);
    const again = await send(billing, paymentRecordV1, late.paymentId, late);
    await processed(billing, first, again);
    const refunded = await refundFor(issued, 'late_payment');
    expect(refunded).toMatchObject({ amountCents: 23_958, paymentId: late.paymentId });

    const reports = await billing.db.query(`SELECT outcome, refund_number FROM payment_reports WHERE payment_id = $1`, [late.paymentId]);
    expect(reports.rows).toEqual([{ outcome: 'refunded_late_payment', refund_number: refunded.refundNumber }]);
    expect(await statusOf(issued)).toBe('cancelled');
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958', 'credit_note 23958', 'payment 23958', 'refund 23958']);
    expect(await published(invoicePaidV1.type, issued.invoiceNumber)).toBe(0);
    expect(await published(paymentRefundedV1.type, issued.invoiceNumber)).toBe(1);
  });

  it('refunds a second, different payment of a paid invoice', async () => {
    const { issued } = await invoiced();
    await pay(issued);
    const duplicate = paidReport(paymentIdOf(issued), issued.grossCents);
    await send(billing, paymentRecordV1, duplicate.paymentId, duplicate);
    expect(await refundFor(issued, 'duplicate_payment')).toMatchObject({ amountCents: 23_958 });
    expect(await statusOf(issued)).toBe('paid');
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958', 'payment 23958', 'payment 23958', 'refund 23958']);
    expect(await published(invoicePaidV1.type, issued.invoiceNumber)).toBe(1);
  });

  it('asks the provider again when a refund failed, and announces the refund once the provider confirmed it', async () => {
    const { order, issued } = await invoiced();
    const provider = billing.app.get(SandboxPaymentProvider);
    const refund = provider.refund.bind(provider);
    let failures = 1;
    provider.refund = async (request: RefundRequest) => {
      if (request.paymentId === paymentIdOf(issued) && failures > 0) {
        failures -= 1;
        throw new Error('the provider is down');
      }
      return refund(request);
    };
    try {
      await pay(issued);
      await send(billing, orderCancelledV1, order.orderId, orderCancelled(order));
      const refunded = await refundFor(issued);
      const stored = await billing.db.query(`SELECT status, attempts, last_error FROM refunds WHERE number = $1`, [refunded.refundNumber]);
      expect(stored.rows).toEqual([{ status: 'confirmed', attempts: 2, last_error: null }]);
      expect(failures).toBe(0);
      expect(await published(paymentRefundedV1.type, issued.invoiceNumber)).toBe(1);
    } finally {
      provider.refund = refund;
    }
  });

  it('refunds once per refund number at the sandbox provider', async () => {
    const { issued } = await invoiced();
    const provider = billing.app.get(SandboxPaymentProvider);
    const request = { refundNumber: 'RF-2099-000001', paymentId: paymentIdOf(issued), amount: Money.of(1_000) };
    const first = await provider.refund(request);
    expect(await provider.refund(request)).toEqual(first);
    await expect(provider.refund({ ...request, amount: Money.of(999) })).rejects.toThrow(SandboxRefundRefusedError);
    await expect(provider.refund({ ...request, refundNumber: 'RF-2099-000002', paymentId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(
      'no sandbox payment',
    );
    expect((await billing.db.query(`SELECT 1 FROM sandbox_refunds WHERE payment_id = $1`, [paymentIdOf(issued)])).rowCount).toBe(1);
  });

  it('does not invoice an extension of an order that was settled already', async () => {
    const { order } = await invoiced();
    const cancelled = await send(billing, orderCancelledV1, order.orderId, orderCancelled(order));
    const extension = extensionAccepted(order);
    const late = await send(billing, orderExtensionAcceptedV1, order.orderId, extension);
    await processed(billing, cancelled, late);
    expect((await billing.db.query(`SELECT 1 FROM invoices WHERE extension_id = $1`, [extension.extensionId])).rowCount).toBe(0);
  });

  it('keeps the balance invariant on every invoice, and the check finds an invoice that breaks it', async () => {
    const pending = () => billing.db.query(`SELECT count(*)::int AS n FROM refunds WHERE status = 'pending'`).then((r) => r.rows[0].n as number);
    await eventually(pending, (n) => n === 0, 15_000, 'every refund to be confirmed');
    const invoices = await billing.db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled FROM invoices`);
    expect(invoices.rows[0].n).toBeGreaterThan(10);
    expect(invoices.rows[0].cancelled).toBeGreaterThan(5);
    expect(await balanceViolations(billing)).toEqual([]);
    const repository = billing.app.get(InvoiceRepository);
    const manager = billing.app.get(DataSource).manager;
    expect(await repository.balanceViolations(manager)).toEqual([]);
    const books = await repository.books(manager);
    expect(books.filter((row) => row.status !== 'open').every((row) => row.paid - row.refunded === row.invoiced - row.credited)).toBe(true);

    // An invoice credited below zero, and one whose refund and credit have no documents: both are found.
    const [overCredited, undocumented] = books.filter((row) => row.status === 'paid' && row.refunded === 0);
    await billing.db.query('BEGIN');
    try {
      await billing.db.query(
        `INSERT INTO invoice_ledger_entries (invoice_number, position, kind, amount_cents, at, reference)
         VALUES ($1, 100, 'credit_note', 1, now(), 'CN-test'),
                ($2, 100, 'refund', 1, now(), 'RF-test'), ($2, 101, 'credit_note', 1, now(), 'CN-test')`,
        [overCredited.invoiceNumber, undocumented.invoiceNumber],
      );
      const found = await balanceViolations(billing);
      expect(found.map((row) => row.invoiceNumber).sort()).toEqual([overCredited.invoiceNumber, undocumented.invoiceNumber].sort());
      expect(found.find((row) => row.invoiceNumber === overCredited.invoiceNumber)?.balance).toBe(-1);
    } finally {
      await billing.db.query('ROLLBACK');
    }
  });
});
