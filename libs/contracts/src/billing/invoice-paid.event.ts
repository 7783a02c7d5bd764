import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { cents, currency, id, invoiceNumber, isoTime } from '../shared/schemas';

export const invoicePaidV1 = defineEvent({
  type: 'invoice.paid',
  version: 1,
  producer: 'billing',
  key: 'order id',
  description: 'The invoice is paid in full.',
  schema: z.object({
    orderId: id,
    invoiceNumber,
    /** Set when the invoice is for an extension of the rental (order.extension-accepted), absent for the order itself. */
    extensionId: id.optional(),
    paymentId: id,
    amountCents: cents.positive(),
    currency,
    paidAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    invoiceNumber: '2026-000042',
    paymentId: EXAMPLE.paymentId,
    amountCents: 23_958,
    currency: 'EUR',
    paidAt: '2026-11-25T09:20:00Z',
  },
});
