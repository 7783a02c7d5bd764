import { Injectable } from '@nestjs/common';
import {
  creditNoteIssuedV1,
  type EventEnvelope,
  machineProvisioningRetriedV1,
  type PayloadOf,
  paymentFailedV1,
  paymentRefundedV1,
} from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { Money } from '@rental/money';
import { RentalSteps } from './rental-steps';

/**
 * Steps other services take that the customer follows on the order's timeline without the order
 * changing status: a failed payment attempt, a provisioning retry, a credit note, a refund.
 */
@Injectable()
export class TimelineNotesHandler {
  constructor(private readonly steps: RentalSteps) {}

  @HandleEvent(paymentFailedV1)
  async onPaymentFailed(event: EventEnvelope<PayloadOf<typeof paymentFailedV1>>, ctx: EventContext): Promise<void> {
    const p = event.payload;
    await this.note(ctx, p.orderId, 'payment_failed', `payment attempt ${p.attempt} for invoice ${p.invoiceNumber} failed: ${p.reason}; it can be retried until ${p.retryUntil}`);
  }

  @HandleEvent(machineProvisioningRetriedV1)
  async onProvisioningRetried(event: EventEnvelope<PayloadOf<typeof machineProvisioningRetriedV1>>, ctx: EventContext): Promise<void> {
    const p = event.payload;
    const where = p.movedToAnotherHost ? 'on another host' : 'on the same host';
    await this.note(ctx, p.orderId, 'provisioning_retried', `attempt ${p.failedAttempt} failed (${p.reason}); trying again ${where} at ${p.nextAttemptAt}`);
  }

  @HandleEvent(creditNoteIssuedV1)
  async onCreditNoteIssued(event: EventEnvelope<PayloadOf<typeof creditNoteIssuedV1>>, ctx: EventContext): Promise<void> {
    const p = event.payload;
    const amount = Money.of(p.grossCents, p.currency).toString();
    await this.note(ctx, p.orderId, 'credit_note_issued', `credit note ${p.creditNoteNumber} of ${amount} for invoice ${p.invoiceNumber} (${p.reason.replaceAll('_', ' ')})`);
  }

  @HandleEvent(paymentRefundedV1)
  async onPaymentRefunded(event: EventEnvelope<PayloadOf<typeof paymentRefundedV1>>, ctx: EventContext): Promise<void> {
    const p = event.payload;
    const amount = Money.of(p.amountCents, p.currency).toString();
    await this.note(ctx, p.orderId, 'refund_paid', `refund ${p.refundNumber} of ${amount} paid back for invoice ${p.invoiceNumber} (${p.reason.replaceAll('_', ' ')})`);
  }

  private async note(ctx: EventContext, orderId: string, note: Parameters<RentalSteps['note']>[2], detail: string): Promise<void> {
    const loaded = await this.steps.load(ctx, orderId);
    if (!loaded) throw new Error(`${ctx.event.type} for unknown order ${orderId}`);
    await this.steps.note(ctx, loaded, note, detail);
  }
}
