import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

export const orderCancelV1 = defineEvent({
  type: 'order.cancel',
  version: 1,
  kind: 'command',
  producer: 'order',
  senders: ['gateway'],
  key: 'order id',
  answeredBy: ['order.cancelled', 'order.cancellation-rejected'],
  description:
    'The customer cancels a rental. Allowed until the machines are running, and while they run (they are then ' +
    'deprovisioned and the unused whole days refunded). Answered by order.cancelled or order.cancellation-rejected ' +
    'with the same requestId; repeating a request with the same requestId changes nothing.',
  schema: z.object({
    orderId: id,
    customerId: id,
    /** Chosen by the sender, so a retried request cancels once and gets the same answer. */
    requestId: id,
    requestedAt: isoTime,
    note: text.max(500).optional(),
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    requestId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    requestedAt: '2026-12-10T14:00:00Z',
    note: 'migration finished early',
  },
});
