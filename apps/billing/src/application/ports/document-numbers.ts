import type { Transaction } from '@rental/persistence';
import type { CreditNoteNumber, InvoiceNumber, RefundNumber } from '../../domain/invoice-number';

/**
 * The next number of a year's gapless series, taken inside the transaction that issues the document:
 * if it rolls back, the number is taken again by the next document. Taking one holds the year's series
 * until the transaction ends, so take it as late as possible.
 */
export abstract class DocumentNumbers {
  abstract nextInvoiceNumber(tx: Transaction, issuedAt: Date): Promise<InvoiceNumber>;
  abstract nextCreditNoteNumber(tx: Transaction, issuedAt: Date): Promise<CreditNoteNumber>;
  abstract nextRefundNumber(tx: Transaction, issuedAt: Date): Promise<RefundNumber>;
}
