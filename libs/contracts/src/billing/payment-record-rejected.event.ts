import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

export const paymentRecordRejectedV1 = defineEvent({
  type: 'payment.record-rejected',
  version: 1,
  producer: 'billing',
  key: 'payment id (the key of the payment.record it answers)',
  description:
    'A payment.record broke its contract, so billing recorded nothing: `detail` is the validation error (the message is ' +
    'also on rental.billing.dlq.v1). Sent when the command holds a readable paymentId; the sender corrects it and sends it again.',
  schema: z.object({
    paymentId: id,
    /** The provider's event id, when the command holds a readable one. */
    providerEventId: text.min(1).max(200).optional(),
    reason: z.enum(['invalid_request']),
    detail: text,
    rejectedAt: isoTime,
  }),
  example: {
    paymentId: EXAMPLE.paymentId,
    providerEventId: 'evt_sandbox_0001',
    reason: 'invalid_request',
    detail: 'failureReason: must not contain the NUL character (\\u0000)',
    rejectedAt: '2026-11-25T09:19:59Z',
  },
});
