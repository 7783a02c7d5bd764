import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

export const orderPaidV1 = defineEvent({
  type: 'order.paid',
  version: 1,
  producer: 'order',
  key: 'order id',
  description:
    "The order's invoice is paid. Provisioning turns the capacity hold into machines at provisionAt (never before the " +
    'payment; paidAt or earlier when provisioning is due at once, e.g. paid less than the provisioning lead before ' +
    'period.start) and keeps the hold until then. Without provisionAt (an older producer) provisioning starts at once.',
  schema: z.object({
    orderId: id,
    invoiceNumber: text,
    paidAt: isoTime,
    /** When provisioning must start; absent from an older producer: at once. */
    provisionAt: isoTime.optional(),
  }),
  example: {
    orderId: EXAMPLE.orderId,
    invoiceNumber: '2026-000042',
    paidAt: '2026-11-25T09:20:00Z',
    provisionAt: '2026-12-01T08:30:00Z',
  },
});
