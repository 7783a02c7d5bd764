import { DocumentNumberError, type InvoiceNumber, toInvoiceNumber } from './invoice-number';

/**
 * The payment reference printed on an invoice, RENT-<invoice number> (RENT-2026-000042), which a
 * customer quotes when paying by bank transfer, and how billing finds it again in the free text a
 * payer typed into their bank's description field.
 */
export function paymentReferenceOf(invoiceNumber: InvoiceNumber): string {
  return `RENT-${invoiceNumber}`;
}

export type ReferenceMatch =
  | { readonly kind: 'found'; readonly invoiceNumber: InvoiceNumber }
  | { readonly kind: 'none' }
  /** Several different invoices are named: which one the money is for is a person's call, not a guess. */
  | { readonly kind: 'ambiguous'; readonly references: readonly string[] };

/**
 * Between RENT, the year and the sequence a payer or their bank may put spaces (line breaks of a
 * statement included) or any kind of dash, or nothing. Inside the digit groups nothing is tolerated:
 * a digit dropped or split off could point at another customer's invoice.
 */
const SEPARATOR = '[\\s\\-\\u2010-\\u2015]*';
/**
 * Case-insensitive; RENT must not be the end of a longer word (CURRENT 2026 000042) and the sequence
 * must not run on into more digits (RENT-2026-0000421 is no reference, not invoice 000042).
 */
const REFERENCE = new RegExp(`(?<![\\p{L}\\p{N}])RENT${SEPARATOR}(\\d{4})${SEPARATOR}(\\d{6})(?!\\p{N})`, 'giu');

/** Finds the payment reference in what the payer wrote, however it was spaced or cased. */
export function findPaymentReference(text: string): ReferenceMatch {
  const numbers = new Set<InvoiceNumber>();
  for (const [, year, sequence] of text.matchAll(REFERENCE)) {
    const number = invoiceNumberOrUndefined(`${year}-${sequence}`);
    if (number !== undefined) numbers.add(number);
  }
  const [first, ...others] = numbers;
  if (first === undefined) return { kind: 'none' };
  if (others.length > 0) return { kind: 'ambiguous', references: [...numbers].map(paymentReferenceOf) };
  return { kind: 'found', invoiceNumber: first };
}

/** A year or sequence no invoice can have (0000, 000000) names no invoice. */
function invoiceNumberOrUndefined(text: string): InvoiceNumber | undefined {
  try {
    return toInvoiceNumber(text);
  } catch (error) {
    if (error instanceof DocumentNumberError) return undefined;
    throw error;
  }
}
