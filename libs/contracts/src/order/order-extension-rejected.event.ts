import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, text } from '../shared/schemas';

export const orderExtensionRejectedV1 = defineEvent({
  type: 'order.extension-rejected',
  version: 1,
  producer: 'order',
  key: 'order id',
  description:
    'An order.extend request was refused; the rental keeps its end. ' +
    'invalid_request: the command broke its contract (it is also in the order service’s dead-letter topic); `detail` is the validation error.',
  schema: z.object({
    orderId: id,
    customerId: id,
    extensionId: id,
    reason: z.enum(['order_not_found', 'not_running', 'extension_pending', 'invalid_period', 'too_long', 'invalid_request']),
    detail: text,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    extensionId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
    reason: 'too_long',
    detail: 'a rental lasts at most 366 days',
  },
});
