import { Money } from '@rental/money';
import type { VatBreakdown } from '@rental/vat';
import { Invoice } from './invoice';
import { formatCreditNoteNumber, formatInvoiceNumber, formatRefundNumber } from './invoice-number';
import type { CreditCommand, InvoiceCustomer, IssueInvoice, ReceivedPayment } from './invoice-types';

/* The invoices, payments and credits the invoice specs share. */

export const issuedAt = new Date('2026-03-10T09:00:00Z');
export const later = new Date('2026-03-12T15:30:00Z');
export const dutchConsumer: InvoiceCustomer = { name: 'J. de Vries', country: 'NL', kind: 'consumer' };
export const germanBusiness: InvoiceCustomer = { name: 'Beispiel GmbH', country: 'DE', kind: 'business', vatNumber: 'de 123 456 789' };

// The overrides may swap the payment terms for a due date; spreading them over the defaults is
// beyond what TypeScript can check against the DueDate union, hence the assertion.
export function command(overrides: Partial<IssueInvoice> = {}): IssueInvoice {
  return <IssueInvoice>{
    number: formatInvoiceNumber(2026, 42),
    orderId: 'order-1',
    period: { start: new Date('2026-03-11T00:00:00Z'), end: new Date('2026-04-10T00:00:00Z') },
    customer: dutchConsumer,
    lines: [
      { description: 'Server S2, 30 days', quantity: 2, unitPrice: Money.of(4_999) },
      { description: 'Extra IPv4 address', quantity: 1, unitPrice: Money.of(1_500) },
    ],
    issuedAt,
    paymentTermsDays: 14,
    ...overrides,
  };
}

export const issue = (overrides: Partial<IssueInvoice> = {}) => Invoice.issue(command(overrides)).invoice;
export const creditNote = formatCreditNoteNumber(2026, 7);
export const refundNumber = formatRefundNumber(2026, 3);
export const payment = (cents: number, receiptId = 'evt-1'): ReceivedPayment => ({ amount: Money.of(cents), at: later, paymentId: 'pay-1', receiptId });
export const cents = ({ net, vat, gross }: VatBreakdown) => [net.cents, vat.cents, gross.cents];
export const breakdown = (net: number, vat: number): VatBreakdown => ({ net: Money.of(net), vat: Money.of(vat), gross: Money.of(net + vat) });
/** A credit of everything left; with the refund a paid invoice needs. */
export const inFull = (invoice: Invoice, overrides: Partial<CreditCommand> = {}): CreditCommand => ({
  number: creditNote,
  at: later,
  reason: 'customer_cancelled',
  totals: invoice.remainingCredit(),
  ...(invoice.status === 'paid' ? { refund: { numbers: [refundNumber], reason: 'customer_cancelled', paymentId: 'pay-1' } } : {}),
  ...overrides,
});
