import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import { DataSource, In } from 'typeorm';
import type { InvoiceReadModel, InvoiceHistory, InvoiceRecord } from '../../application/ports/invoice-read-model';
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
}
