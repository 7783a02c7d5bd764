import { Inject, Injectable } from '@nestjs/common';
import {
  bankTransferAppliedV1,
  bankTransferFlaggedV1,
  creditNoteIssuedV1,
  type EventEnvelope,
  invoiceBalanceChangedV1,
  invoiceIssuedV1,
  invoicePaidV1,
  type PayloadOf,
  paymentFailedV1,
  paymentRefundedV1,
} from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { READ_MODEL_CHANGES, type ReadModelChanges } from '../ports/read-model-changes';

/**
 * Invoices and what happened to them (failed attempts, credit notes, refunds, bank transfers booked
 * or flagged), and what their books add up to as billing says (invoice.balance-changed), from
 * billing's events. Billing keys them all by order id, so one order's arrive in order; each row is
 * keyed by billing's own number or id, so a redelivery changes nothing.
 */
@Injectable()
export class InvoiceProjection {
  constructor(@Inject(READ_MODEL_CHANGES) private readonly changes: ReadModelChanges) {}

  @HandleEvent(invoiceIssuedV1)
  async onInvoiceIssued(event: EventEnvelope<PayloadOf<typeof invoiceIssuedV1>>, ctx: EventContext): Promise<void> {
    const i = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_invoices (invoice_number, order_id, customer_id, extension_id, currency, net_cents, vat, vat_cents, gross_cents,
                                     issued_at, due_at, checkout_url, payment_reference, billing_address, status,
                                     paid_cents, credited_cents, refunded_cents, balance_cents, balance_revision, payments)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'open', 0, 0, 0, $9, 0, '[]') ON CONFLICT (invoice_number) DO NOTHING`,
      [
        i.invoiceNumber,
        i.orderId,
        i.customerId,
        i.extensionId ?? null,
        i.currency,
        i.netCents,
        JSON.stringify(i.vat),
        i.vatCents,
        i.grossCents,
        i.issuedAt,
        i.dueAt,
        i.checkoutUrl,
        i.paymentReference ?? null,
        i.billingAddress === undefined ? null : JSON.stringify(i.billingAddress),
      ],
    );
    await this.changes.announce(ctx.manager, i.orderId);
  }

  @HandleEvent(invoicePaidV1)
  async onInvoicePaid(event: EventEnvelope<PayloadOf<typeof invoicePaidV1>>, ctx: EventContext): Promise<void> {
    const p = event.payload;
    // A cancelled invoice stays cancelled: money for it is refunded, it does not revive it.
    await ctx.manager.query(
      `UPDATE gateway_invoices SET status = CASE WHEN status = 'cancelled' THEN status ELSE 'paid' END, paid_at = $2 WHERE invoice_number = $1`,
      [p.invoiceNumber, p.paidAt],
    );
    await this.changes.announce(ctx.manager, p.orderId);
  }

  /** A late or redelivered revision never replaces a later one: billing counts its movements in revision. */
  @HandleEvent(invoiceBalanceChangedV1)
  async onInvoiceBalanceChanged(event: EventEnvelope<PayloadOf<typeof invoiceBalanceChangedV1>>, ctx: EventContext): Promise<void> {
    const b = event.payload;
    await ctx.manager.query(
      `UPDATE gateway_invoices SET paid_cents = $2, credited_cents = $3, refunded_cents = $4, balance_cents = $5, payments = $6, balance_revision = $7
        WHERE invoice_number = $1 AND balance_revision < $7`,
      [b.invoiceNumber, b.paidCents, b.creditedCents, b.refundedCents, b.balanceCents, JSON.stringify(b.payments), b.revision],
    );
    await this.changes.announce(ctx.manager, b.orderId);
  }

  @HandleEvent(paymentFailedV1)
  async onPaymentFailed(event: EventEnvelope<PayloadOf<typeof paymentFailedV1>>, ctx: EventContext): Promise<void> {
    const f = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_payment_attempts (invoice_number, attempt, payment_id, order_id, customer_id, reason, failed_at, retry_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (invoice_number, attempt) DO NOTHING`,
      [f.invoiceNumber, f.attempt, f.paymentId, f.orderId, f.customerId, f.reason, f.failedAt, f.retryUntil],
    );
    await this.changes.announce(ctx.manager, f.orderId);
  }

  @HandleEvent(creditNoteIssuedV1)
  async onCreditNoteIssued(event: EventEnvelope<PayloadOf<typeof creditNoteIssuedV1>>, ctx: EventContext): Promise<void> {
    const c = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_credit_notes (credit_note_number, invoice_number, order_id, customer_id, reason, currency,
                                         net_cents, vat_cents, gross_cents, invoice_cancelled, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (credit_note_number) DO NOTHING`,
      [c.creditNoteNumber, c.invoiceNumber, c.orderId, c.customerId, c.reason, c.currency, c.netCents, c.vatCents, c.grossCents, c.invoiceCancelled, c.issuedAt],
    );
    if (c.invoiceCancelled) {
      await ctx.manager.query(`UPDATE gateway_invoices SET status = 'cancelled', cancelled_at = $2 WHERE invoice_number = $1 AND cancelled_at IS NULL`, [
        c.invoiceNumber,
        c.issuedAt,
      ]);
    }
    await this.changes.announce(ctx.manager, c.orderId);
  }

  @HandleEvent(paymentRefundedV1)
  async onPaymentRefunded(event: EventEnvelope<PayloadOf<typeof paymentRefundedV1>>, ctx: EventContext): Promise<void> {
    const r = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_refunds (refund_number, invoice_number, order_id, customer_id, payment_id, reason, amount_cents, currency, refunded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (refund_number) DO NOTHING`,
      [r.refundNumber, r.invoiceNumber, r.orderId, r.customerId, r.paymentId, r.reason, r.amountCents, r.currency, r.refundedAt],
    );
    await this.changes.announce(ctx.manager, r.orderId);
  }

  @HandleEvent(bankTransferAppliedV1)
  async onBankTransferApplied(event: EventEnvelope<PayloadOf<typeof bankTransferAppliedV1>>, ctx: EventContext): Promise<void> {
    const t = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_bank_transfers (transfer_id, invoice_number, order_id, customer_id, currency, applied_cents, outcome, balance_cents, applied_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (transfer_id) DO UPDATE SET applied_cents = EXCLUDED.applied_cents, outcome = EXCLUDED.outcome,
                                               balance_cents = EXCLUDED.balance_cents, applied_at = EXCLUDED.applied_at`,
      [t.transferId, t.invoiceNumber, t.orderId, t.customerId, t.currency, t.appliedCents, t.outcome, t.balanceCents, t.appliedAt],
    );
    await this.changes.announce(ctx.manager, t.orderId);
  }

  @HandleEvent(bankTransferFlaggedV1)
  async onBankTransferFlagged(event: EventEnvelope<PayloadOf<typeof bankTransferFlaggedV1>>, ctx: EventContext): Promise<void> {
    const f = event.payload;
    // A transfer billing could not match (unknown_reference) belongs to no invoice, so to no customer we can show it to.
    if (f.invoiceNumber === undefined || f.orderId === undefined) return;
    await ctx.manager.query(
      `INSERT INTO gateway_bank_transfers (transfer_id, invoice_number, order_id, customer_id, currency, refundable_cents, flag_reason, flag_detail, flagged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (transfer_id) DO UPDATE SET refundable_cents = EXCLUDED.refundable_cents, flag_reason = EXCLUDED.flag_reason,
                                               flag_detail = EXCLUDED.flag_detail, flagged_at = EXCLUDED.flagged_at`,
      [f.transferId, f.invoiceNumber, f.orderId, f.customerId ?? null, f.currency, f.refundableCents, f.reason, f.detail, f.flaggedAt],
    );
    await this.changes.announce(ctx.manager, f.orderId);
  }
}
