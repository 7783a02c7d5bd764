import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { cents, currency, id, invoiceNumber, isoTime } from '../shared/schemas';

export const paymentRefundedV1 = defineEvent({
  type: 'payment.refunded',
  version: 1,
  producer: 'billing',
  key: 'order id',
  description:
    'Money paid for an invoice went back to the customer through the payment provider, under a number of the gapless ' +
    'refund series (RF-<year>-<seq>). Published once the provider confirmed the refund.',
  schema: z.object({
    orderId: id,
    customerId: id,
    invoiceNumber,
    refundNumber: z.string().regex(/^RF-\d{4}-\d{6}$/),
    paymentId: id,
    reason: z.enum(['customer_cancelled', 'provisioning_failed', 'unused_days', 'late_payment', 'duplicate_payment', 'extension_lapsed']),
    amountCents: cents.positive(),
    currency,
    refundedAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    invoiceNumber: '2026-000042',
    refundNumber: 'RF-2026-000003',
    paymentId: EXAMPLE.paymentId,
    reason: 'provisioning_failed',
    amountCents: 23_958,
    currency: 'EUR',
    refundedAt: '2026-11-25T09:40:00Z',
  },
});
