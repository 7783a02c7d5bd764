import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import { type BankTransfer, type CreditNote, InvoiceReadModel, type InvoiceRecord, type PaymentAttempt, type Refund } from '../ports/invoice-read-model';
import { type Page, ReadSnapshot } from '../ports/read-snapshot';

/** An invoice with everything that happened to it. */
export interface InvoiceDetails {
  invoice: InvoiceRecord;
  /** Failed attempts to pay it. */
  attempts: PaymentAttempt[];
  creditNotes: CreditNote[];
  refunds: Refund[];
  /** Bank transfers booked on it or flagged to be paid back, oldest first. */
  bankTransfers: BankTransfer[];
}

/** The customer's invoices, from the read model. */
@Injectable()
export class InvoiceQueries {
  constructor(
    private readonly snapshot: ReadSnapshot,
    private readonly invoices: InvoiceReadModel,
  ) {}

  find(customerId: string, invoiceNumber: string): Promise<InvoiceDetails | null> {
    return this.snapshot.read(async (tx) => {
      const invoice = await this.invoices.find(tx, customerId, invoiceNumber);
      if (!invoice) return null;
      const [details] = await this.withDetails(tx, [invoice]);
      return details;
    });
  }

  list(customerId: string, limit: number, after?: string): Promise<Page<InvoiceDetails>> {
    return this.snapshot.read(async (tx) => {
      const page = await this.invoices.page(tx, customerId, limit, after);
      return { items: await this.withDetails(tx, page.items), next: page.next };
    });
  }

  /** Every invoice of an order, oldest first: the rental's own, then its extensions'. Read in the caller's snapshot. */
  async forOrder(tx: Transaction, customerId: string, orderId: string): Promise<InvoiceDetails[]> {
    return this.withDetails(tx, await this.invoices.forOrder(tx, customerId, orderId));
  }

  private async withDetails(tx: Transaction, invoices: InvoiceRecord[]): Promise<InvoiceDetails[]> {
    if (invoices.length === 0) return [];
    const records = await this.invoices.recordsOf(
      tx,
      invoices.map((i) => i.invoiceNumber),
    );
    const of = <T extends { invoiceNumber: string }>(rows: T[], invoice: InvoiceRecord) => rows.filter((r) => r.invoiceNumber === invoice.invoiceNumber);
    return invoices.map((invoice) => ({
      invoice,
      attempts: of(records.attempts, invoice),
      creditNotes: of(records.creditNotes, invoice),
      refunds: of(records.refunds, invoice),
      bankTransfers: of(records.bankTransfers, invoice),
    }));
  }
}
