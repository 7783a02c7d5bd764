import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { customerSnapshot, id, isoTime, price, rentalPeriod, text } from '../shared/schemas';

export const orderExtensionAcceptedV1 = defineEvent({
  type: 'order.extension-accepted',
  version: 1,
  producer: 'order',
  key: 'order id',
  description:
    'An extension was priced: billing invoices `period` (from the current end to the requested one), due at the current ' +
    'end. Once that invoice is paid the order publishes order.extended; unpaid at the end, the rental ends as planned.',
  schema: z.object({
    orderId: id,
    extensionId: id,
    customer: customerSnapshot,
    description: text,
    period: rentalPeriod,
    price,
    paymentDueAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    extensionId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
    customer: EXAMPLE.customer,
    description: 'extension of 2 x standard-4 in ams1 by 1 week',
    period: { start: '2026-12-31T09:00:00Z', end: '2027-01-07T09:00:00Z' },
    price: {
      currency: 'EUR',
      pricedAs: '1 week',
      lines: [{ unit: 'week', units: 1, unitPriceCents: 3_300, lineTotalCents: 3_300 }],
      quantity: 2,
      discountCents: 1_100,
      subtotalCents: 6_600,
      vat: { ratePercent: 21, treatment: 'standard' },
      vatCents: 1_386,
      totalCents: 7_986,
    },
    paymentDueAt: '2026-12-31T09:00:00Z',
  },
});
