import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { customerSnapshot, endOrDuration, id, rentalSpec } from '../shared/schemas';

export const quoteCreateV1 = defineEvent({
  type: 'quote.create',
  version: 1,
  kind: 'command',
  producer: 'order',
  senders: ['gateway'],
  key: 'quote id (chosen by the sender, so a retried request creates one quote)',
  answeredBy: ['quote.created', 'quote.rejected'],
  description:
    'Price a rental: a plan, location and image, a quantity, and a period given as an end or an ISO-8601 duration (PnMnWnD). ' +
    'Answered by quote.created or quote.rejected with the same quote id.',
  schema: z
    .object({
      quoteId: id,
      customer: customerSnapshot,
      ...rentalSpec,
    })
    .refine(...endOrDuration),
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
