import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { cents, currency, id, isoTime, text } from '../shared/schemas';

export const paymentRecordV1 = defineEvent({
  type: 'payment.record',
  version: 1,
  kind: 'command',
  producer: 'billing',
  senders: ['gateway'],
  key: 'payment id',
  answeredBy: ['invoice.paid', 'payment.failed', 'payment.record-rejected'],
  description:
    "Record what the payment provider reported about a payment (sent by the gateway after it verified the provider's signed webhook). " +
    "Idempotent on the provider's event id. Answered by invoice.paid when it settles the invoice, by payment.record-rejected when it breaks its contract.",
  schema: z.object({
    providerEventId: text.min(1).max(200),
    paymentId: id,
    status: z.enum(['paid', 'failed']),
    amountCents: cents.nonnegative(),
    currency,
    reportedAt: isoTime,
    failureReason: text.optional(),
  }),
  example: {
    providerEventId: 'evt_sandbox_0001',
    paymentId: EXAMPLE.paymentId,
    status: 'paid',
    amountCents: 23_958,
    currency: 'EUR',
    reportedAt: '2026-11-25T09:19:58Z',
  },
});
