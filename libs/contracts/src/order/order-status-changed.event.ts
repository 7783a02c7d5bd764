import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

/** Every status a rental can be in, as the order service publishes it; readers show the same list. */
export const ORDER_STATUSES = [
  'placed',
  'awaiting_payment',
  'paid',
  'scheduled',
  'provisioning',
  'running',
  'deprovisioning',
  'completed',
  'cancelled',
  'rejected',
  'failed',
] as const;
const status = z.enum(ORDER_STATUSES);

export const orderStatusChangedV1 = defineEvent({
  type: 'order.status-changed',
  version: 1,
  producer: 'order',
  key: 'order id',
  description: "A step in the rental's life: one entry of the timeline the customer sees.",
  schema: z.object({
    orderId: id,
    customerId: id,
    from: status.nullable(),
    to: status,
    trigger: text,
    at: isoTime,
    detail: text.optional(),
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    from: 'placed',
    to: 'awaiting_payment',
    trigger: 'capacity_reserved',
    at: '2026-11-25T09:05:01Z',
  },
});
