import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { cents, currency, id, invoiceNumber, isoTime } from '../shared/schemas';

export const creditNoteIssuedV1 = defineEvent({
  type: 'credit-note.issued',
  version: 1,
  producer: 'billing',
  key: 'order id',
  description:
    'Part or all of an invoice was credited, under a number of the gapless credit-note series (CN-<year>-<seq>). ' +
    'An invoice is never deleted or renumbered; a credit note for its whole amount cancels it.',
  schema: z.object({
    orderId: id,
    customerId: id,
    invoiceNumber,
    creditNoteNumber: z.string().regex(/^CN-\d{4}-\d{6}$/),
    reason: z.enum(['payment_window_closed', 'customer_cancelled', 'provisioning_failed', 'unused_days', 'extension_unpaid', 'extension_lapsed']),
    currency,
    netCents: cents.positive(),
    vatCents: cents.nonnegative(),
    grossCents: cents.positive(),
    invoiceCancelled: z.boolean(),
    issuedAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    invoiceNumber: '2026-000042',
    creditNoteNumber: 'CN-2026-000007',
    reason: 'payment_window_closed',
    currency: 'EUR',
    netCents: 19_800,
    vatCents: 4_158,
    grossCents: 23_958,
    invoiceCancelled: true,
    issuedAt: '2026-11-25T10:05:02Z',
  },
});
