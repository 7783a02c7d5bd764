import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { bankTransferAppliedV1, bankTransferReceivedV1, bankTransferRejectedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent, RejectInvalid } from '@rental/messaging';
import { Money } from '@rental/money';
import type { TransferRefusal } from '../../domain/invoice-types';
import { findPaymentReference, type ReferenceMatch } from '../../domain/payment-reference';
import { InvoiceBooks } from '../common/invoice-books';
import { type FlaggedInvoice, PayerRefunds } from '../common/payer-refunds';
import { type BankTransferOutcome, BankTransferStore } from '../ports/bank-transfer-store';
import { InvoiceStore } from '../ports/invoice-store';

type BankTransferReceived = PayloadOf<typeof bankTransferReceivedV1>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * bank-transfer.received: money finance saw arrive, matched to an invoice by the payment reference
 * found in what the payer wrote. Booked on an open invoice in the invoice's currency: the balance
 * settles it (invoice.paid, so the rental proceeds as with an online payment), less is a partial
 * payment that leaves the balance due, and more settles it with the excess owed back. Either way
 * bank-transfer.applied says what was booked. Money billing cannot book (no such invoice, the
 * invoice paid or cancelled, another currency) is owed back whole. What is owed back is recorded
 * and flagged (bank-transfer.flagged): never kept silently.
 *
 * Each transfer is handled once: the same transfer id under a new event id finds its row and gets
 * no second answer.
 */
@Injectable()
export class BankTransferReceivedHandler {
  private readonly logger = new Logger(BankTransferReceivedHandler.name);

  constructor(
    private readonly invoices: InvoiceStore,
    private readonly books: InvoiceBooks,
    private readonly transfers: BankTransferStore,
    private readonly payerRefunds: PayerRefunds,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A transfer that broke its contract is answered so finance learns of it (and can send it again
   * corrected); nothing is booked or flagged on figures that failed validation.
   */
  @RejectInvalid(bankTransferReceivedV1)
  async onInvalidTransfer(event: EventEnvelope<unknown>, problem: string, ctx: EventContext): Promise<void> {
    const transferId = (event.payload as { transferId?: unknown } | null)?.transferId;
    await ctx.publish(bankTransferRejectedV1, event.key, {
      sourceEventId: event.id,
      ...(typeof transferId === 'string' && UUID.test(transferId) ? { transferId } : {}),
      reason: 'invalid_transfer',
      detail: problem,
      rejectedAt: this.clock.now().toISOString(),
    });
  }

  @HandleEvent(bankTransferReceivedV1)
  async onBankTransferReceived(event: EventEnvelope<BankTransferReceived>, ctx: EventContext): Promise<void> {
    const transfer = event.payload;
    if (await this.transfers.exists(ctx.manager, transfer.transferId)) {
      this.logger.log(`bank transfer ${transfer.transferId} was handled before; event ${event.id} changes nothing`);
      return;
    }
    const received = Money.of(transfer.amountCents, transfer.currency);
    const flag = { transferId: transfer.transferId, reference: transfer.reference };
    const match = findPaymentReference(transfer.reference);
    const loaded = match.kind === 'found' ? await this.invoices.findForUpdate(ctx.manager, match.invoiceNumber) : undefined;
    if (loaded === undefined) {
      await this.record(ctx, transfer, 'flagged', 0, null);
      await this.payerRefunds.flag(ctx, { ...flag, reason: 'unknown_reference', amount: received, detail: unmatched(transfer.reference, match) });
      return;
    }

    const { invoice, contact } = loaded;
    const flagged: FlaggedInvoice = { number: invoice.number, orderId: invoice.orderId, customerId: contact.customerId };
    const outcome = invoice.bookTransfer({ transferId: transfer.transferId, amount: received, at: new Date(transfer.receivedAt) });
    if (!outcome.booked) {
      await this.record(ctx, transfer, 'flagged', 0, invoice.number);
      await this.payerRefunds.flag(ctx, {
        ...flag,
        reason: outcome.refusal.reason,
        amount: received,
        invoice: flagged,
        detail: refused(received, invoice.number, outcome.refusal),
      });
      return;
    }

    const settled = outcome.balance.isZero();
    await this.record(ctx, transfer, settled ? 'settled' : 'partially_paid', outcome.applied.cents, invoice.number);
    await ctx.publish(bankTransferAppliedV1, invoice.orderId, {
      transferId: transfer.transferId,
      invoiceNumber: invoice.number,
      orderId: invoice.orderId,
      customerId: contact.customerId,
      appliedCents: outcome.applied.cents,
      currency: outcome.applied.currency,
      outcome: settled ? 'settled' : 'partially_paid',
      balanceCents: outcome.balance.cents,
      appliedAt: this.clock.now().toISOString(),
    });
    await this.books.save(ctx, loaded, outcome.events);
    if (outcome.excess.isPositive()) {
      const detail = `${received} received for invoice ${invoice.number}, of which ${outcome.applied} was due`;
      await this.payerRefunds.flag(ctx, { ...flag, reason: 'overpaid', amount: outcome.excess, invoice: flagged, detail });
    }
  }

  private async record(
    ctx: EventContext,
    transfer: BankTransferReceived,
    outcome: BankTransferOutcome,
    appliedCents: number,
    invoiceNumber: string | null,
  ): Promise<void> {
    await this.transfers.insert(ctx.manager, {
      transferId: transfer.transferId,
      eventId: ctx.event.id,
      amountCents: transfer.amountCents,
      currency: transfer.currency,
      payerName: transfer.payer.name,
      payerIban: transfer.payer.iban ?? null,
      reference: transfer.reference,
      receivedAt: new Date(transfer.receivedAt),
      invoiceNumber,
      outcome,
      appliedCents,
      recordedAt: this.clock.now(),
    });
  }
}

function unmatched(reference: string, match: ReferenceMatch): string {
  switch (match.kind) {
    case 'found':
      return `no invoice ${match.invoiceNumber}: the reference "${reference}" names none that billing issued`;
    case 'ambiguous':
      return `the reference "${reference}" names several invoices (${match.references.join(', ')})`;
    case 'none':
      return `no payment reference (RENT-<year>-<number>) in "${reference}"`;
  }
}

function refused(received: Money, invoiceNumber: string, refusal: TransferRefusal): string {
  switch (refusal.reason) {
    case 'invoice_paid':
      return `${received} received for invoice ${invoiceNumber}, which was paid already`;
    case 'invoice_cancelled':
      return `${received} received for invoice ${invoiceNumber}, which was cancelled by credit note ${refusal.creditNoteNumber}`;
    case 'currency_mismatch':
      return `${received} received for invoice ${invoiceNumber}, which is in ${refusal.expected}`;
  }
}
