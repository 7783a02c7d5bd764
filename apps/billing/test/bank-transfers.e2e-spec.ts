import { randomUUID } from 'node:crypto';
import {
  bankTransferAppliedV1,
  bankTransferFlaggedV1,
  bankTransferReceivedV1,
  creditNoteIssuedV1,
  deadLetterTopic,
  eventsTopic,
  invoicePaidV1,
  orderAcceptedV1,
  orderCancelledV1,
  type PayloadOf,
  paymentRecordV1,
  paymentRefundedV1,
  topicOf,
} from '@rental/contracts';
import { DeadLetterHeader } from '@rental/messaging';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { envelopeMessage, produceRaw, readAll } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { BillingModule } from '../src/billing.module';
import { loadBillingSettings } from '../src/billing-settings';
import { BANK_TRANSFER_VIOLATIONS_SQL } from '../src/infrastructure/persistence/invoice-books';
import {
  balanceViolations,
  clock,
  type InvoiceIssued,
  issuedFor,
  orderAccepted,
  orderCancelled,
  paidReport,
  paymentIdOf,
  processed,
  send,
} from './billing-test-kit';

type BankTransferReceived = PayloadOf<typeof bankTransferReceivedV1>;
type BankTransferApplied = PayloadOf<typeof bankTransferAppliedV1>;
type BankTransferFlagged = PayloadOf<typeof bankTransferFlaggedV1>;
type InvoicePaid = PayloadOf<typeof invoicePaidV1>;

/**
 * Invoices paid by bank transfer: finance's bank-transfer.received matched by the payment reference
 * in invoice.issued, booked in full, in part or up to the balance, and every cent billing does not
 * keep recorded and flagged for a refund to the payer.
 */
describe('billing: bank transfers from finance', () => {
  let billing: ServiceApp;
  let events: EventCollector;

  const invoiced = async () => {
    const order = orderAccepted();
    await send(billing, orderAcceptedV1, order.orderId, order);
    return { order, issued: await issuedFor(events, order.orderId) };
  };
  const transfer = (
    issued: Pick<InvoiceIssued, 'paymentReference'>,
    amountCents: number,
    overrides: Partial<BankTransferReceived> = {},
  ): BankTransferReceived => ({
    transferId: randomUUID(),
    amountCents,
    currency: 'EUR',
    payer: { name: 'Stroopwafel Logistics B.V.', iban: 'NL91ABNA0417164300' },
    reference: issued.paymentReference ?? '',
    receivedAt: clock.now().toISOString(),
    ...overrides,
  });
  /** Sends the transfer keyed by its reference, as finance does; resolves with the event id. */
  const receive = (received: BankTransferReceived) => send(billing, bankTransferReceivedV1, received.reference || received.transferId, received);
  const appliedFor = (received: BankTransferReceived) =>
    events.waitFor<BankTransferApplied>(bankTransferAppliedV1.type, (e) => e.payload.transferId === received.transferId);
  const flaggedFor = (received: BankTransferReceived) =>
    events.waitFor<BankTransferFlagged>(bankTransferFlaggedV1.type, (e) => e.payload.transferId === received.transferId);
  const paidFor = (issued: InvoiceIssued) =>
    events.waitFor<InvoicePaid>(invoicePaidV1.type, (e) => e.payload.invoiceNumber === issued.invoiceNumber).then((e) => e.payload);
  const answers = async (transferId: string) =>
    (
      await billing.db.query(
        `SELECT event_type FROM messaging_outbox WHERE event_type LIKE 'bank-transfer.%' AND value::jsonb ->> 'transferId' = $1 ORDER BY id`,
        [transferId],
      )
    ).rows.map((r) => r.event_type as string);
  const invoiceRow = async (issued: InvoiceIssued) => (await billing.db.query(`SELECT status FROM invoices WHERE number = $1`, [issued.invoiceNumber])).rows[0];
  const ledgerOf = async (issued: InvoiceIssued) =>
    (
      await billing.db.query(`SELECT kind, amount_cents, reference FROM invoice_ledger_entries WHERE invoice_number = $1 ORDER BY position`, [
        issued.invoiceNumber,
      ])
    ).rows.map((r) => `${r.kind} ${r.amount_cents}${r.kind === 'payment' ? ` ${r.reference}` : ''}`);
  const transferRow = async (transferId: string) =>
    (await billing.db.query(`SELECT outcome, invoice_number, applied_cents, event_id FROM bank_transfers WHERE transfer_id = $1`, [transferId])).rows;
  const owedTo = async (transferId: string) =>
    (
      await billing.db.query(`SELECT reason, amount_cents, invoice_number, refund_number FROM payer_refunds WHERE transfer_id = $1 ORDER BY id`, [transferId])
    ).rows.map((r) => ({ ...r, amount_cents: Number(r.amount_cents) }));

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

  it('prints the payment reference in invoice.issued and on the checkout page', async () => {
    const { issued } = await invoiced();
    expect(issued.paymentReference).toBe(`RENT-${issued.invoiceNumber}`);
    const page = await (await fetch(issued.checkoutUrl.replace(/^https?:\/\/[^/]+/, billing.baseUrl))).text();
    expect(page).toContain(`<dd id="payment-reference">RENT-${issued.invoiceNumber}</dd>`);
  });

  it('settles the invoice with a transfer of exactly the amount, as an online payment does', async () => {
    const { order, issued } = await invoiced();
    const received = transfer(issued, 23_958);
    await receive(received);
    const applied = await appliedFor(received);
    expect(applied.key).toBe(order.orderId);
    expect(applied.payload).toEqual({
      transferId: received.transferId,
      invoiceNumber: issued.invoiceNumber,
      orderId: order.orderId,
      customerId: order.customer.customerId,
      appliedCents: 23_958,
      currency: 'EUR',
      outcome: 'settled',
      balanceCents: 0,
      appliedAt: expect.any(String),
    });
    expect(await paidFor(issued)).toEqual({
      orderId: order.orderId,
      invoiceNumber: issued.invoiceNumber,
      paymentId: received.transferId,
      amountCents: 23_958,
      currency: 'EUR',
      paidAt: new Date(received.receivedAt).toISOString(),
    });
    expect(await invoiceRow(issued)).toEqual({ status: 'paid' });
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958', `payment 23958 ${received.transferId}`]);
    expect(await answers(received.transferId)).toEqual(['bank-transfer.applied']);
    expect(await owedTo(received.transferId)).toEqual([]);
  });

  it('books an underpayment as a partial payment, leaves the balance due, and settles when the rest arrives', async () => {
    const { issued } = await invoiced();
    const first = transfer(issued, 10_000);
    await receive(first);
    expect((await appliedFor(first)).payload).toMatchObject({ appliedCents: 10_000, outcome: 'partially_paid', balanceCents: 13_958 });
    expect(await invoiceRow(issued)).toEqual({ status: 'open' });
    expect(await transferRow(first.transferId)).toMatchObject([{ outcome: 'partially_paid', applied_cents: '10000' }]);
    expect(events.all<InvoicePaid>(invoicePaidV1.type).some((e) => e.payload.invoiceNumber === issued.invoiceNumber)).toBe(false);

    const rest = transfer(issued, 13_958);
    await receive(rest);
    expect((await appliedFor(rest)).payload).toMatchObject({ appliedCents: 13_958, outcome: 'settled', balanceCents: 0 });
    expect(await paidFor(issued)).toMatchObject({ paymentId: rest.transferId, amountCents: 13_958 });
    expect(await invoiceRow(issued)).toEqual({ status: 'paid' });
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958', `payment 10000 ${first.transferId}`, `payment 13958 ${rest.transferId}`]);
  });

  it('settles with an overpayment and flags the excess for a refund to the payer', async () => {
    const { order, issued } = await invoiced();
    const received = transfer(issued, 25_000);
    await receive(received);
    expect((await appliedFor(received)).payload).toMatchObject({ appliedCents: 23_958, outcome: 'settled', balanceCents: 0 });
    const flagged = await flaggedFor(received);
    expect(flagged.key).toBe(order.orderId);
    expect(flagged.payload).toEqual({
      transferId: received.transferId,
      reason: 'overpaid',
      refundableCents: 1_042,
      currency: 'EUR',
      reference: issued.paymentReference,
      invoiceNumber: issued.invoiceNumber,
      orderId: order.orderId,
      customerId: order.customer.customerId,
      detail: `EUR 250.00 received for invoice ${issued.invoiceNumber}, of which EUR 239.58 was due`,
      flaggedAt: expect.any(String),
    });
    await paidFor(issued);
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958', `payment 23958 ${received.transferId}`]);
    expect(await owedTo(received.transferId)).toEqual([{ reason: 'overpaid', amount_cents: 1_042, invoice_number: issued.invoiceNumber, refund_number: null }]);
    expect(await answers(received.transferId)).toEqual(['bank-transfer.applied', 'bank-transfer.flagged']);
  });

  it('flags the whole of a transfer for a cancelled invoice and books nothing', async () => {
    const { order, issued } = await invoiced();
    await send(billing, orderCancelledV1, order.orderId, orderCancelled(order, { reason: 'payment_window_closed' }));
    await events.waitFor(creditNoteIssuedV1.type, (e) => (e.payload as { invoiceNumber: string }).invoiceNumber === issued.invoiceNumber);
    const received = transfer(issued, 23_958);
    await receive(received);
    expect((await flaggedFor(received)).payload).toMatchObject({
      reason: 'invoice_cancelled',
      refundableCents: 23_958,
      invoiceNumber: issued.invoiceNumber,
      orderId: order.orderId,
      detail: expect.stringMatching(/which was cancelled by credit note CN-\d{4}-\d{6}$/),
    });
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958', 'credit_note 23958']);
    expect(await transferRow(received.transferId)).toMatchObject([{ outcome: 'flagged', invoice_number: issued.invoiceNumber, applied_cents: '0' }]);
    expect(await owedTo(received.transferId)).toEqual([
      { reason: 'invoice_cancelled', amount_cents: 23_958, invoice_number: issued.invoiceNumber, refund_number: null },
    ]);
    expect(await answers(received.transferId)).toEqual(['bank-transfer.flagged']);
  });

  it('flags the whole of a transfer for an invoice paid online already', async () => {
    const { issued } = await invoiced();
    await send(billing, paymentRecordV1, paymentIdOf(issued), paidReport(paymentIdOf(issued), issued.grossCents));
    await paidFor(issued);
    const received = transfer(issued, 23_958);
    await receive(received);
    expect((await flaggedFor(received)).payload).toMatchObject({ reason: 'invoice_paid', refundableCents: 23_958, invoiceNumber: issued.invoiceNumber });
    expect(await ledgerOf(issued)).toHaveLength(2);
    expect(await owedTo(received.transferId)).toEqual([
      { reason: 'invoice_paid', amount_cents: 23_958, invoice_number: issued.invoiceNumber, refund_number: null },
    ]);
  });

  it('flags a transfer whose reference names no invoice, keyed by the transfer id', async () => {
    const received = transfer({ paymentReference: 'RENT-1999-999999' }, 5_000);
    await receive(received);
    const flagged = await flaggedFor(received);
    expect(flagged.key).toBe(received.transferId);
    expect(flagged.payload).toEqual({
      transferId: received.transferId,
      reason: 'unknown_reference',
      refundableCents: 5_000,
      currency: 'EUR',
      reference: 'RENT-1999-999999',
      detail: 'no invoice 1999-999999: the reference "RENT-1999-999999" names none that billing issued',
      flaggedAt: expect.any(String),
    });
    expect(await transferRow(received.transferId)).toMatchObject([{ outcome: 'flagged', invoice_number: null }]);
    expect(await owedTo(received.transferId)).toEqual([{ reason: 'unknown_reference', amount_cents: 5_000, invoice_number: null, refund_number: null }]);

    const noReference = transfer({ paymentReference: 'server rental' }, 700);
    await receive(noReference);
    expect((await flaggedFor(noReference)).payload).toMatchObject({
      reason: 'unknown_reference',
      detail: 'no payment reference (RENT-<year>-<number>) in "server rental"',
    });
  });

  it('flags a transfer in another currency with the whole amount, even of the invoice number', async () => {
    const { issued } = await invoiced();
    const received = transfer(issued, 23_958, { currency: 'USD' });
    await receive(received);
    expect((await flaggedFor(received)).payload).toMatchObject({
      reason: 'currency_mismatch',
      refundableCents: 23_958,
      currency: 'USD',
      invoiceNumber: issued.invoiceNumber,
      detail: `USD 239.58 received for invoice ${issued.invoiceNumber}, which is in EUR`,
    });
    expect(await invoiceRow(issued)).toEqual({ status: 'open' });
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958']);
  });

  it('finds the reference inside the free text the payer wrote, however cased and spaced', async () => {
    const { issued } = await invoiced();
    const [year, sequence] = issued.invoiceNumber.split('-');
    const received = transfer(issued, 23_958, { reference: `Stroopwafel inv. rent ${year} - ${sequence} servers, thanks` });
    await receive(received);
    expect((await appliedFor(received)).payload).toMatchObject({ invoiceNumber: issued.invoiceNumber, outcome: 'settled' });
    await paidFor(issued);
  });

  it('handles a transfer republished under a new event id once: nothing booked twice, no second answer', async () => {
    const { issued } = await invoiced();
    const received = transfer(issued, 10_000);
    const first = await receive(received);
    await appliedFor(received);
    const again = await receive(received);
    await processed(billing, first, again);
    expect(await answers(received.transferId)).toEqual(['bank-transfer.applied']);
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958', `payment 10000 ${received.transferId}`]);
    expect(await transferRow(received.transferId)).toEqual([
      { outcome: 'partially_paid', invoice_number: issued.invoiceNumber, applied_cents: '10000', event_id: first },
    ]);
  });

  it('gives a partial bank payment back to its payer when the invoice is cancelled, as a refund owed by finance', async () => {
    const { order, issued } = await invoiced();
    const received = transfer(issued, 10_000);
    await receive(received);
    await appliedFor(received);
    await send(billing, orderCancelledV1, order.orderId, orderCancelled(order, { reason: 'payment_window_closed' }));
    expect((await flaggedFor(received)).payload).toMatchObject({
      reason: 'invoice_cancelled',
      refundableCents: 10_000,
      reference: issued.paymentReference,
      invoiceNumber: issued.invoiceNumber,
      detail: expect.stringContaining('goes back as refund RF-'),
    });
    expect(await invoiceRow(issued)).toEqual({ status: 'cancelled' });
    const [owed] = await owedTo(received.transferId);
    expect(owed).toMatchObject({ reason: 'invoice_cancelled', amount_cents: 10_000, refund_number: expect.stringMatching(/^RF-\d{4}-\d{6}$/) });
    const refund = await billing.db.query(`SELECT status, payment_id, transfer_id, reason, amount_cents FROM refunds WHERE number = $1`, [owed.refund_number]);
    // Never one for the payment provider: the money did not come through it.
    expect(refund.rows).toEqual([
      { status: 'owed_to_payer', payment_id: null, transfer_id: received.transferId, reason: 'late_payment', amount_cents: '10000' },
    ]);
    expect(await ledgerOf(issued)).toEqual(['invoiced 23958', `payment 10000 ${received.transferId}`, 'refund 10000', 'credit_note 23958']);
  });

  it('refunds an online payment of the full amount after a partial transfer, and takes the rest by transfer', async () => {
    const { issued } = await invoiced();
    const received = transfer(issued, 10_000);
    await receive(received);
    await appliedFor(received);
    await send(billing, paymentRecordV1, paymentIdOf(issued), paidReport(paymentIdOf(issued), issued.grossCents));
    const refunded = await events.waitFor<PayloadOf<typeof paymentRefundedV1>>(paymentRefundedV1.type, (e) => e.payload.invoiceNumber === issued.invoiceNumber);
    expect(refunded.payload).toMatchObject({ reason: 'duplicate_payment', amountCents: 23_958, paymentId: paymentIdOf(issued) });
    expect(await invoiceRow(issued)).toEqual({ status: 'open' });

    const rest = transfer(issued, 13_958);
    await receive(rest);
    expect((await appliedFor(rest)).payload).toMatchObject({ outcome: 'settled', balanceCents: 0 });
  });

  it('dead-letters a transfer that breaks its contract and tells finance why, booking and flagging nothing', async () => {
    const broken = { ...transfer({ paymentReference: 'RENT-2026-000001' }, 100), amountCents: -100 };
    await produceRaw(topicOf(bankTransferReceivedV1, billing.topicPrefix), [envelopeMessage(bankTransferReceivedV1, broken.reference, broken)]);
    const [letter] = await readAll(deadLetterTopic('billing', billing.topicPrefix), 1);
    expect(String(letter.headers?.[DeadLetterHeader.reason])).toBe('schema-violation');
    expect(String(letter.headers?.[DeadLetterHeader.detail])).toContain('amountCents');
    expect(await transferRow(broken.transferId)).toEqual([]);
    expect(await answers(broken.transferId)).toEqual(['bank-transfer.rejected']);
    const { rows } = await billing.db.query(`SELECT key, value::jsonb AS payload FROM messaging_outbox WHERE event_type = 'bank-transfer.rejected'`);
    expect(rows).toEqual([
      expect.objectContaining({ key: broken.reference, payload: expect.objectContaining({ reason: 'invalid_transfer', transferId: broken.transferId }) }),
    ]);
    expect(rows[0].payload.detail).toContain('amountCents');
  });

  it('keeps every invoice balanced and every transferred cent accounted for', async () => {
    expect(await balanceViolations(billing)).toEqual([]);
    expect((await billing.db.query(BANK_TRANSFER_VIOLATIONS_SQL)).rows).toEqual([]);
    // The check sees money that goes missing: an excess kept without being owed back.
    await billing.db.query('BEGIN');
    try {
      await billing.db.query(`DELETE FROM payer_refunds WHERE reason = 'overpaid'`);
      expect((await billing.db.query(BANK_TRANSFER_VIOLATIONS_SQL)).rows).toEqual([
        expect.objectContaining({ outcome: 'settled', amount_cents: '25000', applied_cents: '23958', flagged_at_receipt: '0' }),
      ]);
    } finally {
      await billing.db.query('ROLLBACK');
    }
  });
});
