import type { orderAcceptedV1, PayloadOf } from '@rental/contracts';
import { Money } from '@rental/money';
import type { Invoice } from '../domain/invoice';
import type { InvoiceLineInput } from '../domain/invoice-line';

export type OrderPrice = PayloadOf<typeof orderAcceptedV1>['price'];

/** The order's price and billing's own arithmetic disagree: one of them has a bug, so nothing is invoiced. */
export class PriceDisagreementError extends Error {
  constructor(orderId: string, disagreements: readonly string[]) {
    super(`order ${orderId}: the invoice billing computes does not match the order's price: ${disagreements.join('; ')}`);
    this.name = 'PriceDisagreementError';
  }
}

/**
 * The invoice lines of an order: one per price line, counted in machine-units (two machines for one
 * month is 2 x the month price), so each line reads as quantity x unit price = line total and the
 * lines add up to the order's subtotal.
 */
export function invoiceLinesFromPrice(orderId: string, description: string, price: OrderPrice): InvoiceLineInput[] {
  const disagreements = price.lines
    .filter((line) => line.lineTotalCents !== line.units * line.unitPriceCents)
    .map((line) => `${line.units} ${line.unit} x ${line.unitPriceCents} is not the line total ${line.lineTotalCents}`);
  if (disagreements.length > 0) throw new PriceDisagreementError(orderId, disagreements);
  return price.lines.map((line) => ({
    description: `${description}: ${count(line.units, line.unit)} x ${count(price.quantity, 'machine')}`,
    quantity: line.units * price.quantity,
    unitPrice: Money.of(line.unitPriceCents, price.currency),
  }));
}

/**
 * Where the invoice billing issued differs from the price the customer accepted. The order service
 * computes VAT for the quote with the same rule (@rental/vat); a difference means the rule, the
 * customer's details or the arithmetic changed between quote and invoice, and a customer must never
 * be invoiced an amount other than the one they accepted.
 */
export function priceDisagreements(invoice: Invoice, price: OrderPrice): string[] {
  const { net, vat, gross } = invoice.totals;
  const found: string[] = [];
  const compare = (what: string, computed: Money, ordered: number) => {
    const expected = Money.of(ordered, price.currency);
    if (!computed.equals(expected)) found.push(`${what}: ${computed} computed, ${expected} ordered`);
  };
  compare('net (subtotal)', net, price.subtotalCents);
  compare('VAT', vat, price.vatCents);
  compare('gross (total)', gross, price.totalCents);
  if (invoice.vat.treatment !== price.vat.treatment || invoice.vat.ratePercent !== price.vat.ratePercent) {
    found.push(`VAT rule: ${invoice.vat.treatment} at ${invoice.vat.ratePercent}% computed, ${price.vat.treatment} at ${price.vat.ratePercent}% ordered`);
  }
  return found;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
