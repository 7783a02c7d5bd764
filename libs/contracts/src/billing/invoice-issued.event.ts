import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { billingAddress, cents, currency, id, invoiceNumber, isoTime, language, paymentReference, vatOutcome } from '../shared/schemas';

export const invoiceIssuedV1 = defineEvent({
  type: 'invoice.issued',
  version: 1,
  producer: 'billing',
  key: 'order id',
  description: 'An invoice for the order was issued with its gapless number; the customer pays it through the checkout URL.',
  schema: z.object({
    orderId: id,
    customerId: id,
    invoiceNumber,
    /** Set when the invoice is for an extension of the rental (order.extension-accepted), absent for the order itself. */
    extensionId: id.optional(),
    /** What to quote when paying by bank transfer (bank-transfer.received is matched by it). */
    paymentReference: paymentReference.optional(),
    /** The customer's billing address as the CRM last gave it (customer.registered/updated); absent for a customer the CRM does not know. */
    billingAddress: billingAddress.optional(),
    currency,
    netCents: cents.nonnegative(),
    vat: vatOutcome,
    vatCents: cents.nonnegative(),
    grossCents: cents.nonnegative(),
    issuedAt: isoTime,
    dueAt: isoTime,
    checkoutUrl: z.url(),
    recipient: z.object({ email: z.email(), language }),
  }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    invoiceNumber: '2026-000042',
    paymentReference: 'RENT-2026-000042',
    currency: 'EUR',
    netCents: 19_800,
    vat: { ratePercent: 21, treatment: 'standard' },
    vatCents: 4_158,
    grossCents: 23_958,
    issuedAt: '2026-11-25T09:05:02Z',
    dueAt: '2026-11-26T09:05:00Z',
    checkoutUrl: 'http://127.0.0.1:3000/sandbox-payments/e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
    recipient: { email: EXAMPLE.customer.email, language: 'nl' },
  },
});
