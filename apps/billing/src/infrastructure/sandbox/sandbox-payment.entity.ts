import { numberColumn } from '@rental/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BillingAddress } from '../../domain/invoice-types';

/** Open until an attempt pays it; failed attempts leave it open, so the payer can try again. */
export type SandboxPaymentStatus = 'open' | 'paid';

/**
 * A payment as the sandbox provider keeps it: the provider's own record, apart from billing's
 * payments, as Mollie or Stripe keep theirs. It lives in billing's database only because the sandbox
 * runs inside billing.
 */
@Entity('sandbox_payments')
export class SandboxPaymentEntity {
  @PrimaryColumn({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  /** Shown on the checkout page, as a provider shows the payment's description. */
  @Column({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: numberColumn })
  amountCents!: number;

  @Column({ type: 'text' })
  currency!: string;

  /** Who is billed, shown on the checkout page; null when the invoice names no address. */
  @Column({ name: 'billing_address', type: 'jsonb', nullable: true })
  billingAddress!: BillingAddress | null;

  @Column({ type: 'text' })
  status!: SandboxPaymentStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  /**
   * SHA-256 of the token in the payment's checkout URL, which only its customer is given (with the
   * invoice): the payment id alone, which travels in events and webhooks, opens nothing. Null for
   * payments made before checkout tokens, which the checkout no longer opens.
   */
  @Column({ name: 'checkout_token_sha256', type: 'bytea', nullable: true })
  checkoutTokenSha256!: Buffer | null;
}

/** One try at the checkout, paid or failed, and the webhook that reports it. */
@Entity('sandbox_payment_attempts')
export class SandboxPaymentAttemptEntity {
  @PrimaryColumn({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  /** 1, 2, ... per payment. */
  @PrimaryColumn({ type: 'int' })
  attempt!: number;

  @Column({ type: 'text' })
  outcome!: 'paid' | 'failed';

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @Column({ name: 'completed_at', type: 'timestamptz' })
  completedAt!: Date;

  /** The provider event that reports the attempt; the gateway and billing deduplicate on it. */
  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  /** The exact JSON of the webhook call, so every redelivery carries the same body and event id. */
  @Column({ name: 'webhook_body', type: 'text' })
  webhookBody!: string;

  @Column({ name: 'webhook_attempts', type: 'int', default: 0 })
  webhookAttempts!: number;

  @Column({ name: 'webhook_delivered_at', type: 'timestamptz', nullable: true })
  webhookDeliveredAt!: Date | null;
}

/** Money the sandbox gave back; keyed by billing's refund number, so asking twice refunds once. */
@Entity('sandbox_refunds')
export class SandboxRefundEntity {
  @PrimaryColumn({ name: 'refund_number', type: 'text' })
  refundNumber!: string;

  @Column({ name: 'refund_id', type: 'uuid' })
  refundId!: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: numberColumn })
  amountCents!: number;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ name: 'refunded_at', type: 'timestamptz' })
  refundedAt!: Date;
}
