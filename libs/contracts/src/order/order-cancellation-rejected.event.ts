import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, text } from '../shared/schemas';

export const orderCancellationRejectedV1 = defineEvent({
  type: 'order.cancellation-rejected',
  version: 1,
  producer: 'order',
  key: 'order id',
  description:
    'An order.cancel request was refused; the order is unchanged. ' +
    'invalid_request: the command broke its contract (it is also in the order service’s dead-letter topic); `detail` is the validation error.',
  schema: z.object({
    orderId: id,
    customerId: id,
    requestId: id,
    reason: z.enum(['order_not_found', 'not_cancellable', 'invalid_request']),
    /** The order's status when the request was refused (absent when the order is unknown to this customer). */
    status: text.optional(),
    detail: text,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    requestId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    reason: 'not_cancellable',
    status: 'completed',
    detail: 'the rental is already completed',
  },
});
