import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { cents, currency, id, invoiceNumber, isoTime, text } from '../shared/schemas';

export const bankTransferAppliedV1 = defineEvent({
  type: 'bank-transfer.applied',
  version: 1,
  producer: 'billing',
  key: 'order id of the invoice it was applied to',
  description:
    'A bank transfer was booked on an open invoice: settled (the rental proceeds; invoice.paid follows), or ' +
    'partially_paid (the invoice stays open with balanceCents still due, and the customer is told). An overpayment ' +
    'settles the invoice and the excess is flagged for a refund (bank-transfer.flagged).',
  schema: z.object({
    transferId: id,
    invoiceNumber,
    orderId: id,
    customerId: id,
    appliedCents: cents.positive(),
    currency,
    outcome: z.enum(['settled', 'partially_paid']),
    balanceCents: cents.nonnegative(),
    appliedAt: isoTime,
  }),
  example: {
    transferId: EXAMPLE.transferId,
    invoiceNumber: '2026-000042',
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    appliedCents: 20_000,
    currency: 'EUR',
    outcome: 'partially_paid',
    balanceCents: 3_958,
    appliedAt: '2026-11-25T11:00:01Z',
  },
});

export const bankTransferFlaggedV1 = defineEvent({
  type: 'bank-transfer.flagged',
  version: 1,
  producer: 'billing',
  key: 'order id of the matched invoice, or the transfer id when none matched',
  description:
    'Money from a bank transfer that billing cannot keep: the excess of an overpayment, or the whole transfer for a ' +
    'cancelled, already paid or unknown invoice, or in another currency. It is recorded and flagged for finance to pay back.',
  schema: z.object({
    transferId: id,
    reason: z.enum(['overpaid', 'invoice_cancelled', 'invoice_paid', 'unknown_reference', 'currency_mismatch']),
    refundableCents: cents.positive(),
    currency,
    reference: text,
    invoiceNumber: invoiceNumber.optional(),
    orderId: id.optional(),
    customerId: id.optional(),
    detail: text,
    flaggedAt: isoTime,
  }),
  example: {
    transferId: EXAMPLE.transferId,
    reason: 'overpaid',
    refundableCents: 1_042,
    currency: 'EUR',
    reference: 'RENT-2026-000042',
    invoiceNumber: '2026-000042',
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    detail: 'EUR 250.00 received for an invoice of EUR 239.58',
    flaggedAt: '2026-11-25T11:00:01Z',
  },
});

export const bankTransferRejectedV1 = defineEvent({
  type: 'bank-transfer.rejected',
  version: 1,
  producer: 'billing',
  key: 'the key of the bank-transfer.received it answers',
  description:
    'A bank-transfer.received broke its contract, so billing booked and flagged nothing: `detail` is the validation error ' +
    '(the message is also on rental.billing.dlq.v1). Finance corrects it and sends it again; no refund is ever flagged on ' +
    'figures that failed validation.',
  schema: z.object({
    sourceEventId: id,
    /** The transfer's id, when the message holds a readable one. */
    transferId: id.optional(),
    reason: z.enum(['invalid_transfer']),
    detail: text,
    rejectedAt: isoTime,
  }),
  example: {
    sourceEventId: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
    transferId: EXAMPLE.transferId,
    reason: 'invalid_transfer',
    detail: 'amountCents: Too small: expected number to be >0',
    rejectedAt: '2026-11-25T11:00:01Z',
  },
});
