import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime } from '../shared/schemas';

export const capacityReservedV1 = defineEvent({
  type: 'capacity.reserved',
  version: 1,
  producer: 'provisioning',
  key: 'order id',
  description:
    "Capacity for every machine of the order is held over the rental's time (from order.placed's provisioningFrom to " +
    'the end of its period). Unpaid, the hold lapses at expiresAt (the payment window); paid, it lasts until provisioning ' +
    'starts. Nothing is running yet.',
  schema: z.object({
    orderId: id,
    holdId: id,
    hosts: z.array(z.object({ hostId: id, machines: z.int().positive() })).min(1),
    expiresAt: isoTime,
  }),
  example: { orderId: EXAMPLE.orderId, holdId: EXAMPLE.holdId, hosts: [{ hostId: EXAMPLE.hostId, machines: 2 }], expiresAt: '2026-11-26T09:05:00Z' },
});
