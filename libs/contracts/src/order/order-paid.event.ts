import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime } from '../shared/schemas';

export const orderPaidV1 = defineEvent({
  type: 'order.paid',
  version: 1,
  producer: 'order',
  key: 'order id',
  description:
    "The order's invoice is paid: provisioning turns the capacity hold into machines at provisionAt (the lead time before the period starts, or at once; absent means at once).",
  schema: z.object({ orderId: id, invoiceNumber: z.string(), paidAt: isoTime, provisionAt: isoTime.optional() }),
  example: {
    orderId: EXAMPLE.orderId,
    invoiceNumber: '2026-000042',
    paidAt: '2026-11-25T09:20:00Z',
    provisionAt: '2026-12-01T08:30:00Z',
  },
});
