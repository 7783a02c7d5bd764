import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

export const CANCELLATION_REASONS = ['customer_cancelled', 'payment_window_closed', 'provisioning_failed'] as const;

export const orderCancelledV1 = defineEvent({
  type: 'order.cancelled',
  version: 1,
  producer: 'order',
  key: 'order id',
  description:
    'The rental stops before its end: the customer cancelled, the payment window closed unpaid, or provisioning failed ' +
    '(the order is then in status failed). Provisioning releases holds and deprovisions every machine of the order, ' +
    'including one that comes up later. Billing settles: with settlement "full" every invoice of the order is credited ' +
    'and any payment refunded in full; with "unused_days" (cancelled while running) the whole days after the day in ' +
    'progress at cancelledAt are credited and refunded pro rata, and unpaid invoices are credited in full.',
  schema: z.object({
    orderId: id,
    customerId: id,
    reason: z.enum(CANCELLATION_REASONS),
    detail: text,
    settlement: z.enum(['full', 'unused_days']),
    /** The machines were running: they are stopped, wiped and deprovisioned. */
    wasRunning: z.boolean(),
    /** The cancel request that caused it, when the customer cancelled. */
    requestId: id.optional(),
    cancelledAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    reason: 'customer_cancelled',
    detail: 'cancelled by the customer while running: migration finished early',
    settlement: 'unused_days',
    wasRunning: true,
    requestId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    cancelledAt: '2026-12-10T14:00:01Z',
  },
});
