import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { BankTransferEntity, CreditNoteEntity, InvoicePaymentEntity, InvoiceViewEntity, PaymentAttemptEntity, RefundEntity } from '../../infrastructure/entities';
import { readSnapshot } from '../../infrastructure/read-snapshot';
import type { Page } from './order.queries';

/** An invoice with everything that happened to it. */
export interface InvoiceDetails {
  invoice: InvoiceViewEntity;
  /** Payments that settled it (invoice.paid). */
  payments: InvoicePaymentEntity[];
  /** Failed attempts to pay it. */
  attempts: PaymentAttemptEntity[];
  creditNotes: CreditNoteEntity[];
  refunds: RefundEntity[];
  /** Bank transfers booked on it or flagged to be paid back, oldest first. */
  bankTransfers: BankTransferEntity[];
}

/** The customer's invoices, from the read model. */
@Injectable()
export class InvoiceQueries {
  constructor(private readonly dataSource: DataSource) {}

  find(customerId: string, invoiceNumber: string): Promise<InvoiceDetails | null> {
    return readSnapshot(this.dataSource, async (manager) => {
      const invoice = await manager.getRepository(InvoiceViewEntity).findOneBy({ invoiceNumber, customerId });
      if (!invoice) return null;
      const [details] = await this.withDetails(manager, [invoice]);
      return details;
    });
  }

  list(customerId: string, limit: number, after?: string): Promise<Page<InvoiceDetails>> {
    return readSnapshot(this.dataSource, (manager) => this.listIn(manager, customerId, limit, after));
  }

  private async listIn(manager: EntityManager, customerId: string, limit: number, after?: string): Promise<Page<InvoiceDetails>> {
    const query = manager
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
    const items = await this.withDetails(manager, rows.slice(0, limit));
    return { items, next: rows.length > limit ? items[items.length - 1].invoice.invoiceNumber : undefined };
  }

  /** Every invoice of an order, oldest first: the rental's own, then its extensions'. Read in the caller's snapshot. */
  async forOrder(manager: EntityManager, customerId: string, orderId: string): Promise<InvoiceDetails[]> {
    const invoices = await manager
      .getRepository(InvoiceViewEntity)
      .find({ where: { orderId, customerId }, order: { issuedAt: 'ASC', invoiceNumber: 'ASC' } });
    return this.withDetails(manager, invoices);
  }

  private async withDetails(manager: EntityManager, invoices: InvoiceViewEntity[]): Promise<InvoiceDetails[]> {
    if (invoices.length === 0) return [];
    const numbers = In(invoices.map((i) => i.invoiceNumber));
    const [payments, attempts, creditNotes, refunds, bankTransfers] = await Promise.all([
      manager.getRepository(InvoicePaymentEntity).find({ where: { invoiceNumber: numbers }, order: { paidAt: 'ASC' } }),
      manager.getRepository(PaymentAttemptEntity).find({ where: { invoiceNumber: numbers }, order: { attempt: 'ASC' } }),
      manager.getRepository(CreditNoteEntity).find({ where: { invoiceNumber: numbers }, order: { issuedAt: 'ASC', creditNoteNumber: 'ASC' } }),
      manager.getRepository(RefundEntity).find({ where: { invoiceNumber: numbers }, order: { refundedAt: 'ASC', refundNumber: 'ASC' } }),
      manager
        .getRepository(BankTransferEntity)
        .createQueryBuilder('t')
        .where('t.invoice_number IN (:...numbers)', { numbers: invoices.map((i) => i.invoiceNumber) })
        .orderBy('COALESCE(t.applied_at, t.flagged_at)', 'ASC')
        .addOrderBy('t.transfer_id', 'ASC')
        .getMany(),
    ]);
    const of = <T extends { invoiceNumber: string }>(rows: T[], invoice: InvoiceViewEntity) => rows.filter((r) => r.invoiceNumber === invoice.invoiceNumber);
    return invoices.map((invoice) => ({
      invoice,
      payments: of(payments, invoice),
      attempts: of(attempts, invoice),
      creditNotes: of(creditNotes, invoice),
      refunds: of(refunds, invoice),
      bankTransfers: of(bankTransfers, invoice),
    }));
  }
}
