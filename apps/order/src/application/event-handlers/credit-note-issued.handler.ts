import { Injectable } from '@nestjs/common';
import { creditNoteIssuedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { Money } from '@rental/money';
import { OrderTimeline } from '../common/order-timeline';

/** credit-note.issued: the customer sees billing's credit note on the order's timeline, whatever the order's status. */
@Injectable()
export class CreditNoteIssuedHandler {
  constructor(private readonly timeline: OrderTimeline) {}

  @HandleEvent(creditNoteIssuedV1)
  async onCreditNoteIssued(event: EventEnvelope<PayloadOf<typeof creditNoteIssuedV1>>, ctx: EventContext): Promise<void> {
    const p = event.payload;
    const amount = Money.of(p.grossCents, p.currency).toString();
    await this.timeline.noteOn(
      ctx,
      p.orderId,
      'credit_note_issued',
      `credit note ${p.creditNoteNumber} of ${amount} for invoice ${p.invoiceNumber} (${p.reason.replaceAll('_', ' ')})`,
    );
  }
}
