import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numberColumn } from '../persistence/column-transformers';

export type SandboxPaymentStatus = 'open' | 'paid' | 'failed';

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

  @Column({ type: 'text' })
  status!: SandboxPaymentStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** The provider event that reports the completion; the gateway and billing deduplicate on it. */
  @Column({ name: 'event_id', type: 'text', nullable: true })
  eventId!: string | null;

  /** The exact JSON of the webhook call, so every redelivery carries the same body and event id. */
  @Column({ name: 'webhook_body', type: 'text', nullable: true })
  webhookBody!: string | null;

  @Column({ name: 'webhook_attempts', type: 'int', default: 0 })
  webhookAttempts!: number;

  @Column({ name: 'webhook_delivered_at', type: 'timestamptz', nullable: true })
  webhookDeliveredAt!: Date | null;
}
