import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { endOrDuration, id, isoTime, rentalDuration } from '../shared/schemas';

export const orderExtendV1 = defineEvent({
  type: 'order.extend',
  version: 1,
  kind: 'command',
  producer: 'order',
  senders: ['gateway'],
  key: 'order id',
  answeredBy: ['order.extension-accepted', 'order.extension-rejected'],
  description:
    'Extend a running rental by a period (ISO-8601 duration of months, weeks and days) or to a new end. The extra time is ' +
    'priced with the catalogue of today and invoiced; the end moves once that invoice is paid. Answered by ' +
    'order.extension-accepted or order.extension-rejected with the same extensionId.',
  schema: z
    .object({
      orderId: id,
      customerId: id,
      /** Chosen by the sender, so a retried request extends once. */
      extensionId: id,
      end: isoTime.optional(),
      duration: rentalDuration.optional(),
      requestedAt: isoTime,
    })
    .refine(...endOrDuration),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    extensionId: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
    duration: 'P1W',
    requestedAt: '2026-12-20T10:00:00Z',
  },
});
