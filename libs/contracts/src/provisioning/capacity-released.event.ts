import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime } from '../shared/schemas';

export const capacityReleasedV1 = defineEvent({
  type: 'capacity.released',
  version: 1,
  producer: 'provisioning',
  key: 'order id',
  description:
    "The order's capacity hold was given back to its hosts before any machine was created: the order was cancelled, or " +
    'the hold expired with the payment window.',
  schema: z.object({
    orderId: id,
    holdId: id,
    reason: z.enum(['order_cancelled', 'hold_expired']),
    releasedAt: isoTime,
  }),
  example: { orderId: EXAMPLE.orderId, holdId: EXAMPLE.holdId, reason: 'order_cancelled', releasedAt: '2026-11-25T10:05:01Z' },
});
