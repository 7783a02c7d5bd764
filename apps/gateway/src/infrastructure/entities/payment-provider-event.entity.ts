import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PaymentReceipt } from '../../application/ports/payment-receipt-store';

/** A webhook delivery from the payment provider, remembered by its event id so a redelivery is a no-op. */
@Entity({ name: 'gateway_payment_provider_events' })
export class PaymentProviderEventEntity implements PaymentReceipt {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
