import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { cents, currency, id, invoiceNumber, isoTime } from '../shared/schemas';

/**
 * Billing keeps an invoice's books, so billing says what they add up to: a reader shows these figures
 * and never adds the movements up again (a transfer that settles an invoice is also announced by
 * invoice.paid, and only billing knows not to count it twice).
 */
export const invoiceBalanceChangedV1 = defineEvent({
  type: 'invoice.balance-changed',
  version: 1,
  producer: 'billing',
  key: 'order id',
  description:
    "The invoice's books after a movement: issued, paid online or by transfer, credited, refunded. Published in the " +
    'transaction that booked the movement; `revision` counts the movements, so a reader keeps the highest it has seen.',
  schema: z.object({
    orderId: id,
    invoiceNumber,
    /** Set when the invoice is for an extension of the rental, absent for the order itself. */
    extensionId: id.optional(),
    currency,
    invoicedCents: cents.nonnegative(),
    paidCents: cents.nonnegative(),
    creditedCents: cents.nonnegative(),
    refundedCents: cents.nonnegative(),
    /** Still owed: invoiced - paid - credited + refunded; 0 once settled or cancelled. */
    balanceCents: cents.nonnegative(),
    /**
     * The online payments that paid this invoice, as the customer should see them: money that arrived
     * after the invoice stopped taking it is refunded and listed among the refunds only, and transfers
     * are in bank-transfer.applied.
     */
    payments: z.array(z.object({ paymentId: id, amountCents: cents.positive(), paidAt: isoTime })),
    revision: z.number().int().positive(),
    changedAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    invoiceNumber: '2026-000042',
    currency: 'EUR',
    invoicedCents: 23_958,
    paidCents: 23_958,
    creditedCents: 0,
    refundedCents: 0,
    balanceCents: 0,
    payments: [{ paymentId: EXAMPLE.paymentId, amountCents: 23_958, paidAt: '2026-11-25T09:20:00Z' }],
    revision: 2,
    changedAt: '2026-11-25T09:20:00Z',
  },
});
