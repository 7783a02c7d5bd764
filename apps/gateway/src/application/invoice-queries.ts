import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { InvoicePaymentEntity, InvoiceViewEntity } from '../infrastructure/entities';
import type { Page } from './order-queries';

export interface InvoiceWithPayments {
  invoice: InvoiceViewEntity;
  payments: InvoicePaymentEntity[];
}

/** The customer's invoices, from the read model. */
@Injectable()
export class InvoiceQueries {
  constructor(private readonly dataSource: DataSource) {}

  async find(customerId: string, invoiceNumber: string): Promise<InvoiceWithPayments | null> {
    const invoice = await this.dataSource.getRepository(InvoiceViewEntity).findOneBy({ invoiceNumber, customerId });
    if (!invoice) return null;
    const [withPayments] = await this.withPayments([invoice]);
    return withPayments;
  }

  async list(customerId: string, limit: number, after?: string): Promise<Page<InvoiceWithPayments>> {
    const query = this.dataSource
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
    const items = await this.withPayments(rows.slice(0, limit));
    return { items, next: rows.length > limit ? items[items.length - 1].invoice.invoiceNumber : undefined };
  }

  private async withPayments(invoices: InvoiceViewEntity[]): Promise<InvoiceWithPayments[]> {
    if (invoices.length === 0) return [];
    const payments = await this.dataSource
      .getRepository(InvoicePaymentEntity)
      .find({ where: { invoiceNumber: In(invoices.map((i) => i.invoiceNumber)) }, order: { paidAt: 'ASC' } });
    return invoices.map((invoice) => ({ invoice, payments: payments.filter((p) => p.invoiceNumber === invoice.invoiceNumber) }));
  }
}
