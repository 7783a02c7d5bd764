/**
 * Numbers of invoices (`2026-000042`), credit notes (`CN-2026-000007`) and refunds (`RF-2026-000003`):
 * each its own gapless series that restarts every calendar year. The database allocates the next sequence, in the transaction
 * that issues the document, so a rolled-back issue leaves no gap; this file only formats, parses and
 * says which year's series a document belongs to.
 */

declare const invoiceNumberBrand: unique symbol;
declare const creditNoteNumberBrand: unique symbol;
declare const refundNumberBrand: unique symbol;

/** A string known to be a well-formed invoice number, so a credit note number cannot stand in for it. */
export type InvoiceNumber = string & { readonly [invoiceNumberBrand]: true };
export type CreditNoteNumber = string & { readonly [creditNoteNumberBrand]: true };
export type RefundNumber = string & { readonly [refundNumberBrand]: true };

export interface SeriesPosition {
  readonly year: number;
  readonly sequence: number;
}

export const MAX_SEQUENCE = 999_999;
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

export class DocumentNumberError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocumentNumberError';
  }
}

const INVOICE_NUMBER = /^(\d{4})-(\d{6})$/;
const CREDIT_NOTE_NUMBER = /^CN-(\d{4})-(\d{6})$/;
const REFUND_NUMBER = /^RF-(\d{4})-(\d{6})$/;

export function formatInvoiceNumber(year: number, sequence: number): InvoiceNumber {
  return format('', year, sequence) as InvoiceNumber;
}

export function parseInvoiceNumber(text: string): SeriesPosition {
  return parse(INVOICE_NUMBER, 'invoice number', 'YYYY-NNNNNN', text);
}

export function formatCreditNoteNumber(year: number, sequence: number): CreditNoteNumber {
  return format('CN-', year, sequence) as CreditNoteNumber;
}

export function parseCreditNoteNumber(text: string): SeriesPosition {
  return parse(CREDIT_NOTE_NUMBER, 'credit note number', 'CN-YYYY-NNNNNN', text);
}

export function formatRefundNumber(year: number, sequence: number): RefundNumber {
  return format('RF-', year, sequence) as RefundNumber;
}

export function parseRefundNumber(text: string): SeriesPosition {
  return parse(REFUND_NUMBER, 'refund number', 'RF-YYYY-NNNNNN', text);
}

/** Re-brands a number read back from storage or a message, after checking it. */
export function toInvoiceNumber(text: string): InvoiceNumber {
  parseInvoiceNumber(text);
  return text as InvoiceNumber;
}

export function toCreditNoteNumber(text: string): CreditNoteNumber {
  parseCreditNoteNumber(text);
  return text as CreditNoteNumber;
}

export function toRefundNumber(text: string): RefundNumber {
  parseRefundNumber(text);
  return text as RefundNumber;
}

/**
 * The year whose series a document issued at `issuedAt` belongs to, taken in UTC like all platform
 * time. Between midnight in Amsterdam and midnight UTC on 1 January a document still joins the old
 * year's series; its printed date must then be the UTC date too, so that number and date agree.
 */
export function seriesYearOf(issuedAt: Date): number {
  if (Number.isNaN(issuedAt.getTime())) {
    throw new DocumentNumberError('issue date is not a valid date');
  }
  return issuedAt.getUTCFullYear();
}

function format(prefix: string, year: number, sequence: number): string {
  requireInRange('year', year, MIN_YEAR, MAX_YEAR);
  requireInRange('sequence', sequence, 1, MAX_SEQUENCE);
  return `${prefix}${year}-${String(sequence).padStart(6, '0')}`;
}

function parse(pattern: RegExp, what: string, shape: string, text: string): SeriesPosition {
  const match = pattern.exec(text);
  if (match === null) {
    throw new DocumentNumberError(`${what} must look like ${shape} (got "${text}")`);
  }
  const year = Number(match[1]);
  const sequence = Number(match[2]);
  requireInRange('year', year, MIN_YEAR, MAX_YEAR);
  requireInRange('sequence', sequence, 1, MAX_SEQUENCE);
  return { year, sequence };
}

function requireInRange(what: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new DocumentNumberError(`${what} must be an integer from ${min} to ${max} (got ${value})`);
  }
}
