import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, language } from '../shared/schemas';

export const notificationSentV1 = defineEvent({
  type: 'notification.sent',
  version: 1,
  producer: 'notification',
  key: 'order id',
  description: 'An email about the order was accepted by the mail server. Never carries the content.',
  schema: z.object({
    orderId: id,
    deliveryId: id,
    kind: z.enum([
      'order-received',
      'invoice-issued',
      'payment-received',
      'order-scheduled',
      'machine-ready',
      'order-rejected',
      'payment-failed',
      'order-cancelled',
      'credit-note-issued',
      'payment-refunded',
      'extension-invoice-issued',
      'rental-extended',
      'rental-ending-soon',
      'rental-ended',
      'partial-payment-received',
      'bank-transfer-refund-pending',
    ]),
    language,
    sentAt: isoTime,
  }),
  example: { orderId: EXAMPLE.orderId, deliveryId: EXAMPLE.deliveryId, kind: 'invoice-issued', language: 'nl', sentAt: '2026-11-25T09:05:03Z' },
});
