import { Injectable } from '@nestjs/common';
import type {
  bankTransferAppliedV1,
  bankTransferFlaggedV1,
  creditNoteIssuedV1,
  invoiceBalanceChangedV1,
  invoiceIssuedV1,
  invoicePaidV1,
  PayloadOf,
  paymentFailedV1,
  paymentRefundedV1,
} from '@rental/contracts';
import type { Transaction } from '@rental/persistence';
import { DataSource, In } from 'typeorm';
import type { InvoiceHistory, InvoiceReadModel, InvoiceRecord } from '../../application/ports/invoice-read-model';
import type { Page } from '../../application/ports/read-snapshot';
import { BankTransferEntity, CreditNoteEntity, InvoiceViewEntity, PaymentAttemptEntity, RefundEntity } from '../entities';

@Injectable()
export class InvoiceViewRepository implements InvoiceReadModel {
  constructor(private readonly dataSource: DataSource) {}

  find(tx: Transaction, customerId: string, invoiceNumber: string): Promise<InvoiceRecord | null> {
    return tx.findOneBy(InvoiceViewEntity, { invoiceNumber, customerId });
  }

  async page(tx: Transaction, customerId: string, limit: number, after?: string): Promise<Page<InvoiceRecord>> {
    const query = tx
      .getRepository(InvoiceViewEntity)
      .createQueryBuilder('i')
      .where('i.customer_id = :customerId', { customerId })
      .orderBy('i.issued_at', 'DESC')
      .addOrderBy('i.invoice_number', 'DESC')
      .limit(limit + 1);
    if (after) {
      query.andWhere(
        '(i.issued_at, i.invoice_number) < (SELECT c.issued_at, c.invoice_number FROM gateway_invoices c WHERE c.invoice_number = :after AND c.customer_id = :customerId)',
        { after },
      );
    }
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    return { items, next: rows.length > limit ? items[items.length - 1].invoiceNumber : undefined };
  }

  forOrder(tx: Transaction, customerId: string, orderId: string): Promise<InvoiceRecord[]> {
    return tx.find(InvoiceViewEntity, { where: { orderId, customerId }, order: { issuedAt: 'ASC', invoiceNumber: 'ASC' } });
  }

  forExtensions(tx: Transaction, extensionIds: string[]): Promise<InvoiceRecord[]> {
    return tx.findBy(InvoiceViewEntity, { extensionId: In(extensionIds) });
  }

  existsForExtension(extensionId: string): Promise<boolean> {
    return this.dataSource.getRepository(InvoiceViewEntity).existsBy({ extensionId });
  }

  async recordsOf(tx: Transaction, invoiceNumbers: string[]): Promise<InvoiceHistory> {
    const numbers = In(invoiceNumbers);
    const [attempts, creditNotes, refunds, bankTransfers] = await Promise.all([
      tx.find(PaymentAttemptEntity, { where: { invoiceNumber: numbers }, order: { attempt: 'ASC' } }),
      tx.find(CreditNoteEntity, { where: { invoiceNumber: numbers }, order: { issuedAt: 'ASC', creditNoteNumber: 'ASC' } }),
      tx.find(RefundEntity, { where: { invoiceNumber: numbers }, order: { refundedAt: 'ASC', refundNumber: 'ASC' } }),
      tx
        .getRepository(BankTransferEntity)
        .createQueryBuilder('t')
        .where('t.invoice_number IN (:...numbers)', { numbers: invoiceNumbers })
        .orderBy('COALESCE(t.applied_at, t.flagged_at)', 'ASC')
        .addOrderBy('t.transfer_id', 'ASC')
        .getMany(),
    ]);
    return { attempts, creditNotes, refunds, bankTransfers };
  }

  async recordIssued(tx: Transaction, i: PayloadOf<typeof invoiceIssuedV1>): Promise<void> {
    await tx.query(
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
  }

  async recordPaid(tx: Transaction, p: PayloadOf<typeof invoicePaidV1>): Promise<void> {
    // A cancelled invoice stays cancelled: money for it is refunded, it does not revive it.
    await tx.query(`UPDATE gateway_invoices SET status = CASE WHEN status = 'cancelled' THEN status ELSE 'paid' END, paid_at = $2 WHERE invoice_number = $1`, [
      p.invoiceNumber,
      p.paidAt,
    ]);
  }

  async recordBalance(tx: Transaction, b: PayloadOf<typeof invoiceBalanceChangedV1>): Promise<void> {
    await tx.query(
      `UPDATE gateway_invoices SET paid_cents = $2, credited_cents = $3, refunded_cents = $4, balance_cents = $5, payments = $6, balance_revision = $7
        WHERE invoice_number = $1 AND balance_revision < $7`,
      [b.invoiceNumber, b.paidCents, b.creditedCents, b.refundedCents, b.balanceCents, JSON.stringify(b.payments), b.revision],
    );
  }

  async recordPaymentFailed(tx: Transaction, f: PayloadOf<typeof paymentFailedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_payment_attempts (invoice_number, attempt, payment_id, order_id, customer_id, reason, failed_at, retry_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (invoice_number, attempt) DO NOTHING`,
      [f.invoiceNumber, f.attempt, f.paymentId, f.orderId, f.customerId, f.reason, f.failedAt, f.retryUntil],
    );
  }

  async recordCreditNote(tx: Transaction, c: PayloadOf<typeof creditNoteIssuedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_credit_notes (credit_note_number, invoice_number, order_id, customer_id, reason, currency,
                                         net_cents, vat_cents, gross_cents, invoice_cancelled, issued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (credit_note_number) DO NOTHING`,
      [
        c.creditNoteNumber,
        c.invoiceNumber,
        c.orderId,
        c.customerId,
        c.reason,
        c.currency,
        c.netCents,
        c.vatCents,
        c.grossCents,
        c.invoiceCancelled,
        c.issuedAt,
      ],
    );
    if (c.invoiceCancelled) {
      await tx.query(`UPDATE gateway_invoices SET status = 'cancelled', cancelled_at = $2 WHERE invoice_number = $1 AND cancelled_at IS NULL`, [
        c.invoiceNumber,
        c.issuedAt,
      ]);
    }
  }

  async recordRefund(tx: Transaction, r: PayloadOf<typeof paymentRefundedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_refunds (refund_number, invoice_number, order_id, customer_id, payment_id, reason, amount_cents, currency, refunded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (refund_number) DO NOTHING`,
      [r.refundNumber, r.invoiceNumber, r.orderId, r.customerId, r.paymentId, r.reason, r.amountCents, r.currency, r.refundedAt],
    );
  }

  async recordTransferApplied(tx: Transaction, t: PayloadOf<typeof bankTransferAppliedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_bank_transfers (transfer_id, invoice_number, order_id, customer_id, currency, applied_cents, outcome, balance_cents, applied_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (transfer_id) DO UPDATE SET applied_cents = EXCLUDED.applied_cents, outcome = EXCLUDED.outcome,
                                               balance_cents = EXCLUDED.balance_cents, applied_at = EXCLUDED.applied_at`,
      [t.transferId, t.invoiceNumber, t.orderId, t.customerId, t.currency, t.appliedCents, t.outcome, t.balanceCents, t.appliedAt],
    );
  }

  async recordTransferFlagged(tx: Transaction, f: PayloadOf<typeof bankTransferFlaggedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_bank_transfers (transfer_id, invoice_number, order_id, customer_id, currency, refundable_cents, flag_reason, flag_detail, flagged_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (transfer_id) DO UPDATE SET refundable_cents = EXCLUDED.refundable_cents, flag_reason = EXCLUDED.flag_reason,
                                               flag_detail = EXCLUDED.flag_detail, flagged_at = EXCLUDED.flagged_at`,
      [f.transferId, f.invoiceNumber, f.orderId, f.customerId ?? null, f.currency, f.refundableCents, f.reason, f.detail, f.flaggedAt],
    );
  }
}
