import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

export const orderExtendedV1 = defineEvent({
  type: 'order.extended',
  version: 1,
  producer: 'order',
  key: 'order id',
  description: "The extension's invoice was paid: the rental now ends at newEnd.",
  schema: z.object({
    orderId: id,
    customerId: id,
    extensionId: id,
    invoiceNumber: text,
    previousEnd: isoTime,
    newEnd: isoTime,
    extendedAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    extensionId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
    invoiceNumber: '2026-000057',
    previousEnd: '2026-12-31T09:00:00Z',
    newEnd: '2027-01-07T09:00:00Z',
    extendedAt: '2026-12-20T10:04:00Z',
  },
});
