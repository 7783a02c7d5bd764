import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { customerSnapshot, id, isoTime } from '../shared/schemas';

export const quoteCreateV1 = defineEvent({
  type: 'quote.create',
  version: 1,
  kind: 'command',
  producer: 'order',
  key: 'quote id (chosen by the sender, so a retried request creates one quote)',
  description:
    'Price a rental: a plan, location and image, a quantity, and a period given as an end or an ISO-8601 duration (PnMnWnD). ' +
    'Answered by quote.created or quote.rejected with the same quote id.',
  schema: z
    .object({
      quoteId: id,
      customer: customerSnapshot,
      planCode: z.string().min(1),
      locationCode: z.string().min(1),
      imageCode: z.string().min(1),
      quantity: z.int().min(1).max(100),
      start: isoTime,
      end: isoTime.optional(),
      duration: z.string().regex(/^P(\d+M)?(\d+W)?(\d+D)?$/, 'an ISO-8601 duration of months, weeks and days').optional(),
    })
    .refine((q) => (q.end === undefined) !== (q.duration === undefined), 'give either end or duration'),
  example: {
    quoteId: EXAMPLE.quoteId,
    customer: EXAMPLE.customer,
    planCode: 'standard-4',
    locationCode: 'ams1',
    imageCode: 'debian-12',
    quantity: 2,
    start: EXAMPLE.period.start,
    duration: 'P1M',
  },
});

