import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

export const orderPaidV1 = defineEvent({
  type: 'order.paid',
  version: 1,
  producer: 'order',
  key: 'order id',
  description: "The order's invoice is paid: provisioning turns the capacity hold into machines.",
  schema: z.object({ orderId: id, invoiceNumber: text, paidAt: isoTime }),
  example: { orderId: EXAMPLE.orderId, invoiceNumber: '2026-000042', paidAt: '2026-11-25T09:20:00Z' },
});
