import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { customerSnapshot, id, isoTime, price, rentalPeriod, text } from '../shared/schemas';

export const orderAcceptedV1 = defineEvent({
  type: 'order.accepted',
  version: 1,
  producer: 'order',
  key: 'order id',
  description: 'Capacity is held for the order, so it can be invoiced. Billing issues the invoice, due when the payment window closes.',
  schema: z.object({
    orderId: id,
    customer: customerSnapshot,
    description: text,
    period: rentalPeriod,
    price,
    paymentDueAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customer: EXAMPLE.customer,
    description: '2 x standard-4 (4 vCPU, 8 GB, 160 GB) in ams1, debian-12',
    period: EXAMPLE.period,
    price: EXAMPLE.price,
    paymentDueAt: '2026-11-26T09:05:00Z',
  },
});
