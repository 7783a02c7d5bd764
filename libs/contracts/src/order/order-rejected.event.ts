import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, text } from '../shared/schemas';

export const orderRejectedV1 = defineEvent({
  type: 'order.rejected',
  version: 1,
  producer: 'order',
  key: 'order id',
  description:
    'An order could not be placed, or was refused before anything was invoiced (e.g. no capacity). ' +
    'invalid_request: the command broke its contract (it is also in the order service’s dead-letter topic); `detail` is the validation error. ' +
    'too_many_unpaid_orders: the customer already has as many orders awaiting payment as one customer may hold (ORDER_MAX_UNPAID_ORDERS_PER_CUSTOMER).',
  schema: z.object({
    orderId: id,
    quoteId: id,
    customerId: id,
    reason: z.enum(['quote_not_found', 'quote_expired', 'quote_already_ordered', 'no_capacity', 'invalid_request', 'too_many_unpaid_orders']),
    detail: text,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    quoteId: EXAMPLE.quoteId,
    customerId: EXAMPLE.customerId,
    reason: 'quote_expired',
    detail: 'the quote was valid until 2026-11-26T09:00:00Z',
  },
});
