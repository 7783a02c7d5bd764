import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime } from '../shared/schemas';

export const orderEndedV1 = defineEvent({
  type: 'order.ended',
  version: 1,
  producer: 'order',
  key: 'order id',
  description:
    'The rental period is over: provisioning stops, wipes and deprovisions its machines and returns their capacity and ' +
    'addresses to the pool; billing credits any extension invoice left unpaid (and refunds one paid too late to apply). The order completes once every machine ' +
    'is deprovisioned.',
  schema: z.object({
    orderId: id,
    customerId: id,
    endedAt: isoTime,
    /** Extensions whose payment moved the end. An extension invoice paid but not listed here came too late: it is refunded. */
    appliedExtensionIds: z.array(id),
  }),
  example: { orderId: EXAMPLE.orderId, customerId: EXAMPLE.customerId, endedAt: '2026-12-31T09:00:00Z', appliedExtensionIds: [] },
});
