import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, text } from '../shared/schemas';

export const quoteRejectedV1 = defineEvent({
  type: 'quote.rejected',
  version: 1,
  producer: 'order',
  key: 'quote id',
  description:
    'A quote could not be made; the reason is machine-readable, the detail is for people. ' +
    'invalid_request: the command broke its contract (it is also in the order service’s dead-letter topic); `detail` is the validation error.',
  schema: z.object({
    quoteId: id,
    customerId: id,
    reason: z.enum(['unknown_plan', 'unknown_location', 'unknown_image', 'image_not_offered_in_location', 'invalid_period', 'invalid_request']),
    detail: text,
  }),
  example: {
    quoteId: EXAMPLE.quoteId,
    customerId: EXAMPLE.customerId,
    reason: 'unknown_plan',
    detail: 'there is no plan "mega-128"',
  },
});
