import { EUR, Money } from '@rental/money';
import { REVERSE_CHARGE_NOTE } from '@rental/vat';
import { Invoice } from '../domain/invoice';
import { formatInvoiceNumber } from '../domain/invoice-number';
import type { InvoiceCustomer } from '../domain/invoice-types';
import { invoiceLinesFromPrice, type OrderPrice, PriceDisagreementError, priceDisagreements } from './order-price';

const orderId = '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11';
const description = '2 x standard-4 (4 vCPU, 8 GB, 160 GB) in ams1, debian-12';
const dutchBusiness: InvoiceCustomer = { name: 'Stroopwafel Logistics B.V.', country: 'NL', kind: 'business', vatNumber: 'NL123456789B01' };
const germanBusiness: InvoiceCustomer = { name: 'Beispiel GmbH', country: 'DE', kind: 'business', vatNumber: 'DE123456789' };

// 33 days for two machines: one month and three days each.
const price: OrderPrice = {
  currency: EUR,
  lines: [
    { unit: 'month', units: 1, unitPriceCents: 9_900, lineTotalCents: 9_900 },
    { unit: 'day', units: 3, unitPriceCents: 550, lineTotalCents: 1_650 },
  ],
  quantity: 2,
  discountCents: 13_200,
  subtotalCents: 23_100,
  vat: { ratePercent: 21, treatment: 'standard' },
  vatCents: 4_851,
  totalCents: 27_951,
};

const invoiceFor = (customer: InvoiceCustomer, lines = invoiceLinesFromPrice(orderId, description, price)) =>
  Invoice.issue({
    number: formatInvoiceNumber(2026, 1),
    orderId,
    period: { start: new Date('2026-12-01T09:00:00Z'), end: new Date('2027-01-03T09:00:00Z') },
    customer,
    lines,
    issuedAt: new Date('2026-11-25T09:05:00Z'),
    dueAt: new Date('2026-11-25T10:05:00Z'),
  }).invoice;

describe('invoice lines from the order price', () => {
  it('has one line per price line, counted in machine-units, adding up to the subtotal', () => {
    const lines = invoiceLinesFromPrice(orderId, description, price);
    expect(lines).toEqual([
      { description: `${description}: 1 month x 2 machines`, quantity: 2, unitPrice: Money.of(9_900) },
      { description: `${description}: 3 days x 2 machines`, quantity: 6, unitPrice: Money.of(550) },
    ]);
    expect(invoiceFor(dutchBusiness).totals.net.cents).toBe(price.subtotalCents);
  });

  it('refuses a price line whose total is not units x unit price', () => {
    const broken = { ...price, lines: [{ unit: 'week' as const, units: 2, unitPriceCents: 3_000, lineTotalCents: 5_000 }] };
    expect(() => invoiceLinesFromPrice(orderId, description, broken)).toThrow(PriceDisagreementError);
  });
});

describe('agreement of the invoice with the order price', () => {
  it('finds none when billing computes what the order priced', () => {
    expect(priceDisagreements(invoiceFor(dutchBusiness), price)).toEqual([]);
  });

  it('agrees on reverse charge for an EU business with a VAT number', () => {
    const reverseCharged: OrderPrice = {
      ...price,
      vat: { ratePercent: 0, treatment: 'reverse_charge', note: REVERSE_CHARGE_NOTE },
      vatCents: 0,
      totalCents: 23_100,
    };
    expect(priceDisagreements(invoiceFor(germanBusiness), reverseCharged)).toEqual([]);
  });

  it('names each figure that differs', () => {
    // The order charged Dutch VAT, billing reverse-charges the German business.
    const found = priceDisagreements(invoiceFor(germanBusiness), price);
    expect(found).toEqual([
      'VAT: EUR 0.00 computed, EUR 48.51 ordered',
      'gross (total): EUR 231.00 computed, EUR 279.51 ordered',
      'VAT rule: reverse_charge at 0% computed, standard at 21% ordered',
    ]);
  });

  it('notices a subtotal that is not the sum of the lines', () => {
    expect(priceDisagreements(invoiceFor(dutchBusiness), { ...price, subtotalCents: 23_000 })).toEqual([
      'net (subtotal): EUR 231.00 computed, EUR 230.00 ordered',
    ]);
  });
});
