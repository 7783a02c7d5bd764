import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { paymentRecordV1 } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { UnitOfWork } from '@rental/persistence';
import { PaymentReceiptStore } from '../ports/payment-receipt-store';

/** What the payment provider told us about a payment, after its signature was checked. */
export interface ProviderPaymentEvent {
  id: string;
  type: 'payment.paid' | 'payment.failed';
  paymentId: string;
  amountCents: number;
  currency: string;
  occurredAt: string;
  failureReason?: string;
}

/**
 * Turns a verified provider webhook into billing's payment.record command, once per provider
 * event id: the receipt row and the command commit together, so a redelivery finds the receipt
 * and sends nothing.
 */
@Injectable()
export class RecordPaymentHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly receipts: PaymentReceiptStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async receive(event: ProviderPaymentEvent): Promise<'recorded' | 'duplicate'> {
    return this.unitOfWork.run(async (tx) => {
      const first = await this.receipts.recordFirst(tx, { eventId: event.id, type: event.type, paymentId: event.paymentId, receivedAt: this.clock.now() });
      if (!first) return 'duplicate';
      await this.outbox.record(
        tx,
        paymentRecordV1,
        event.paymentId,
        {
          providerEventId: event.id,
          paymentId: event.paymentId,
          status: event.type === 'payment.paid' ? 'paid' : 'failed',
          amountCents: event.amountCents,
          currency: event.currency,
          reportedAt: event.occurredAt,
          ...(event.failureReason ? { failureReason: event.failureReason } : {}),
        },
        { correlationId: randomUUID() },
      );
      return 'recorded';
    });
  }
}
