import type { Money } from '@rental/money';
import type { Invoice } from '../../domain/invoice';

export interface CreatedPayment {
  /** The provider's id of the payment; its webhooks, and so payment.record, refer to it. */
  readonly paymentId: string;
  /** Where the customer pays. */
  readonly checkoutUrl: string;
}

export interface RefundRequest {
  /** Billing's refund number (RF-2026-000003): the provider carries out each number once, however often it is asked. */
  readonly refundNumber: string;
  /** The provider's payment the money goes back through. */
  readonly paymentId: string;
  readonly amount: Money;
}

export interface ConfirmedRefund {
  /** The provider's id of the refund. */
  readonly providerRefundId: string;
  readonly refundedAt: Date;
}

/**
 * A payment service provider (Mollie, Stripe, or the sandbox that stands in for one). Billing asks
 * it to collect an invoice's open balance; the provider reports the outcome later through its
 * webhook, which the gateway verifies and turns into a payment.record command. Billing also asks it
 * to give money back.
 *
 * createPayment is called inside the issuing transaction, after the invoice is stored: if that
 * transaction rolls back, the provider's payment is left unused and expires, as an abandoned
 * checkout does. The year's invoice counter stays locked during the call, which is fine for the
 * sandbox (one local insert); an adapter for a provider across the internet should create the
 * payment after the commit instead.
 *
 * refund is called after the transaction that decided the refund committed, and again until it
 * answers: it must be idempotent on the refund number (Mollie's and Stripe's idempotency keys are).
 */
export abstract class PaymentProvider {
  /** Stored with each payment, so billing knows which provider to ask about it. */
  abstract readonly name: string;
  abstract createPayment(invoice: Invoice): Promise<CreatedPayment>;
  /** Resolves once the provider accepted the refund; throws if it did not (it is asked again later). */
  abstract refund(request: RefundRequest): Promise<ConfirmedRefund>;
}
