import { Injectable } from '@nestjs/common';
import {
  bankTransferAppliedV1,
  bankTransferFlaggedV1,
  creditNoteIssuedV1,
  type EventEnvelope,
  invoiceBalanceChangedV1,
  invoiceIssuedV1,
  invoicePaidV1,
  type PayloadOf,
  paymentFailedV1,
  paymentRefundedV1,
} from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { InvoiceReadModel } from '../ports/invoice-read-model';
import { ReadModelChanges } from '../ports/read-model-changes';

/**
 * Invoices and what happened to them (failed attempts, credit notes, refunds, bank transfers booked
 * or flagged), and what their books add up to as billing says (invoice.balance-changed), from
 * billing's events. Billing keys them all by order id, so one order's arrive in order; each row is
 * keyed by billing's own number or id, so a redelivery changes nothing.
 */
@Injectable()
export class InvoiceProjection {
  constructor(
    private readonly invoices: InvoiceReadModel,
    private readonly changes: ReadModelChanges,
  ) {}

  @HandleEvent(invoiceIssuedV1)
  async onInvoiceIssued(event: EventEnvelope<PayloadOf<typeof invoiceIssuedV1>>, ctx: EventContext): Promise<void> {
    await this.invoices.recordIssued(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(invoicePaidV1)
  async onInvoicePaid(event: EventEnvelope<PayloadOf<typeof invoicePaidV1>>, ctx: EventContext): Promise<void> {
    await this.invoices.recordPaid(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  /** A late or redelivered revision never replaces a later one: billing counts its movements in revision. */
  @HandleEvent(invoiceBalanceChangedV1)
  async onInvoiceBalanceChanged(event: EventEnvelope<PayloadOf<typeof invoiceBalanceChangedV1>>, ctx: EventContext): Promise<void> {
    await this.invoices.recordBalance(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(paymentFailedV1)
  async onPaymentFailed(event: EventEnvelope<PayloadOf<typeof paymentFailedV1>>, ctx: EventContext): Promise<void> {
    await this.invoices.recordPaymentFailed(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(creditNoteIssuedV1)
  async onCreditNoteIssued(event: EventEnvelope<PayloadOf<typeof creditNoteIssuedV1>>, ctx: EventContext): Promise<void> {
    await this.invoices.recordCreditNote(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(paymentRefundedV1)
  async onPaymentRefunded(event: EventEnvelope<PayloadOf<typeof paymentRefundedV1>>, ctx: EventContext): Promise<void> {
    await this.invoices.recordRefund(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(bankTransferAppliedV1)
  async onBankTransferApplied(event: EventEnvelope<PayloadOf<typeof bankTransferAppliedV1>>, ctx: EventContext): Promise<void> {
    await this.invoices.recordTransferApplied(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(bankTransferFlaggedV1)
  async onBankTransferFlagged(event: EventEnvelope<PayloadOf<typeof bankTransferFlaggedV1>>, ctx: EventContext): Promise<void> {
    const f = event.payload;
    // A transfer billing could not match (unknown_reference) belongs to no invoice, so to no customer we can show it to.
    if (f.invoiceNumber === undefined || f.orderId === undefined) return;
    await this.invoices.recordTransferFlagged(ctx.manager, f);
    await this.changes.announce(ctx.manager, f.orderId);
  }
}
