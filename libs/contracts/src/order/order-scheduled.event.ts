import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime } from '../shared/schemas';

export const orderScheduledV1 = defineEvent({
  type: 'order.scheduled',
  version: 1,
  producer: 'order',
  key: 'order id',
  description:
    'A rental was paid for a period that starts later: its capacity stays held, and provisioning begins at provisioningStartsAt so that the machines run by readyBy (the start of the period).',
  schema: z.object({
    orderId: id,
    customerId: id,
    provisioningStartsAt: isoTime,
    readyBy: isoTime,
    scheduledAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    provisioningStartsAt: '2026-12-01T08:30:00Z',
    readyBy: '2026-12-01T09:00:00Z',
    scheduledAt: '2026-11-25T09:20:00Z',
  },
});
