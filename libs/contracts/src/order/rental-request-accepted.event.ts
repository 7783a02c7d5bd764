import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, price, rentalPeriod } from '../shared/schemas';

export const rentalRequestAcceptedV1 = defineEvent({
  type: 'rental.request.accepted',
  version: 1,
  producer: 'order',
  key: 'customer id (the key of the rental.requested it answers)',
  description:
    'A rental.requested was accepted: capacity is held, the order placed and invoiced (invoice.issued follows on ' +
    'rental.billing.events.v1, keyed by the order id). From here the rental follows the same flow as one ordered through ' +
    'the gateway.',
  schema: z.object({
    requestId: id,
    customerId: id,
    orderId: id,
    quoteId: id,
    period: rentalPeriod,
    price,
    discountPercent: z.number().min(0).max(100),
    acceptedAt: isoTime,
  }),
  example: {
    requestId: EXAMPLE.requestId,
    customerId: EXAMPLE.customerId,
    orderId: EXAMPLE.orderId,
    quoteId: EXAMPLE.quoteId,
    period: EXAMPLE.period,
    price: EXAMPLE.price,
    discountPercent: 10,
    acceptedAt: '2026-11-25T09:00:02Z',
  },
});
