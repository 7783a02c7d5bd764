import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { customerSnapshot, id, isoTime, price, rentalPeriod, resources, text } from '../shared/schemas';

export const orderPlacedV1 = defineEvent({
  type: 'order.placed',
  version: 1,
  producer: 'order',
  key: 'order id',
  description: 'A customer ordered a quote. Provisioning now looks for capacity; nothing is invoiced yet.',
  schema: z.object({
    orderId: id,
    quoteId: id,
    customer: customerSnapshot,
    planCode: text,
    resources,
    locationCode: text,
    imageCode: text,
    quantity: z.int().positive(),
    period: rentalPeriod,
    price,
    sshPublicKey: text.optional(),
    placedAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    quoteId: EXAMPLE.quoteId,
    customer: EXAMPLE.customer,
    planCode: 'standard-4',
    resources: { vcpu: 4, memoryMb: 8_192, diskGb: 160 },
    locationCode: 'ams1',
    imageCode: 'debian-12',
    quantity: 2,
    period: EXAMPLE.period,
    price: EXAMPLE.price,
    placedAt: '2026-11-25T09:05:00Z',
  },
});
