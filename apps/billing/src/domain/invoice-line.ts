import type { Money } from '@rental/money';

export interface InvoiceLineInput {
  readonly description: string;
  readonly quantity: number;
  readonly unitPrice: Money;
}

export interface InvoiceLine extends InvoiceLineInput {
  /** Net: quantity x unit price, exact in cents; VAT is applied once on the invoice total. */
  readonly lineTotal: Money;
}

export class InvalidInvoiceLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInvoiceLineError';
  }
}

/**
 * A line of an invoice. Prices are never negative: a discount is priced into the line, and money
 * going back to a customer is a credit note or a refund, so it stays traceable.
 */
export function invoiceLine(input: InvoiceLineInput): InvoiceLine {
  const description = input.description.trim();
  if (description === '') {
    throw new InvalidInvoiceLineError('an invoice line needs a description');
  }
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1) {
    throw new InvalidInvoiceLineError(`quantity must be a positive integer (got ${input.quantity})`);
  }
  if (input.unitPrice.isNegative()) {
    throw new InvalidInvoiceLineError(`unit price must not be negative (got ${input.unitPrice})`);
  }
  return { description, quantity: input.quantity, unitPrice: input.unitPrice, lineTotal: input.unitPrice.multiply(input.quantity) };
}

/** The net total of `lines`, all in one currency. */
export function netTotalOf(lines: readonly InvoiceLine[]): Money {
  if (lines.length === 0) {
    throw new InvalidInvoiceLineError('an invoice needs at least one line');
  }
  return lines.slice(1).reduce((sum, line) => sum.add(line.lineTotal), lines[0].lineTotal);
}
