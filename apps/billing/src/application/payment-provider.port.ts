import type { Invoice } from '../domain/invoice';

export interface CreatedPayment {
  /** The provider's id of the payment; its webhooks, and so payment.record, refer to it. */
  readonly paymentId: string;
  /** Where the customer pays. */
  readonly checkoutUrl: string;
}

/**
 * A payment service provider (Mollie, Stripe, or the sandbox that stands in for one). Billing asks
 * it to collect an invoice's open balance; the provider reports the outcome later through its
 * webhook, which the gateway verifies and turns into a payment.record command.
 *
 * Called inside the issuing transaction, after the invoice is stored: if that transaction rolls
 * back, the provider's payment is left unused and expires, as an abandoned checkout does. The year's
 * invoice counter stays locked during the call, which is fine for the sandbox (one local insert); an
 * adapter for a provider across the internet should create the payment after the commit instead.
 */
export interface PaymentProvider {
  /** Stored with each payment, so billing knows which provider to ask about it. */
  readonly name: string;
  createPayment(invoice: Invoice): Promise<CreatedPayment>;
}

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');
