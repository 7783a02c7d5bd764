import { Injectable } from '@nestjs/common';
import { creditNoteIssuedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { CreditNoteIssuedInput } from '../../domain/templates/credit-note-issued';
import { causeOf, MailRequests } from '../common/mail-requests';

type CreditNoteIssued = PayloadOf<typeof creditNoteIssuedV1>;

/** A credit note was issued: its number, the invoice it credits, how much and why. */
@Injectable()
export class CreditNoteIssuedHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(creditNoteIssuedV1)
  async onCreditNoteIssued(event: EventEnvelope<CreditNoteIssued>, ctx: EventContext): Promise<void> {
    const note = event.payload;
    const money = (cents: number) => ({ cents, currency: note.currency });
    const input: CreditNoteIssuedInput = {
      creditNoteNumber: note.creditNoteNumber,
      invoiceNumber: note.invoiceNumber,
      reason: note.reason,
      net: money(note.netCents),
      vat: money(note.vatCents),
      gross: money(note.grossCents),
      invoiceCancelled: note.invoiceCancelled,
    };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), note.orderId, 'credit-note-issued', input);
  }
}
