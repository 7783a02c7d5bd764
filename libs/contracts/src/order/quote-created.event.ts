import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, price, rentalPeriod, resources, text } from '../shared/schemas';

export const quoteCreatedV1 = defineEvent({
  type: 'quote.created',
  version: 1,
  producer: 'order',
  key: 'quote id',
  description: 'A rental was priced; the price holds until validUntil.',
  schema: z.object({
    quoteId: id,
    customerId: id,
    planCode: text,
    resources,
    locationCode: text,
    imageCode: text,
    period: rentalPeriod,
    billableDays: z.int().positive(),
    price,
    validUntil: isoTime,
  }),
  example: {
    quoteId: EXAMPLE.quoteId,
    customerId: EXAMPLE.customerId,
    planCode: 'standard-4',
    resources: { vcpu: 4, memoryMb: 8_192, diskGb: 160 },
    locationCode: 'ams1',
    imageCode: 'debian-12',
    period: EXAMPLE.period,
    billableDays: 30,
    price: EXAMPLE.price,
    validUntil: '2026-11-26T09:00:00Z',
  },
});
