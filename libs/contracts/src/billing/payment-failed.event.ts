import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, invoiceNumber, isoTime, text } from '../shared/schemas';

export const paymentFailedV1 = defineEvent({
  type: 'payment.failed',
  version: 1,
  producer: 'billing',
  key: 'order id',
  description:
    'An attempt to pay an invoice failed at the payment provider. The invoice stays open: the customer may try again ' +
    'through checkoutUrl until retryUntil (the due date); every attempt is numbered.',
  schema: z.object({
    orderId: id,
    customerId: id,
    invoiceNumber,
    paymentId: id,
    attempt: z.int().positive(),
    reason: text,
    checkoutUrl: z.url(),
    retryUntil: isoTime,
    failedAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    invoiceNumber: '2026-000042',
    paymentId: EXAMPLE.paymentId,
    attempt: 1,
    reason: 'card declined: insufficient funds',
    checkoutUrl: 'http://127.0.0.1:3000/sandbox-payments/e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
    retryUntil: '2026-11-25T10:05:00Z',
    failedAt: '2026-11-25T09:15:00Z',
  },
});
