import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { bankTransferFlaggedV1 } from '@rental/contracts';
import type { EventContext } from '@rental/messaging';
import type { Money } from '@rental/money';
import { BankTransferStore, type FlagReason } from '../ports/bank-transfer-store';

/** The invoice a flagged amount belongs to, when the transfer named one billing has. */
export interface FlaggedInvoice {
  readonly number: string;
  readonly orderId: string;
  readonly customerId: string;
}

export interface Flag {
  readonly transferId: string;
  /** As the payer wrote it. */
  readonly reference: string;
  readonly reason: FlagReason;
  readonly amount: Money;
  readonly invoice?: FlaggedInvoice;
  /** The refund document, when the money was booked on the invoice before it went back. */
  readonly refundNumber?: string;
  /** For the person at finance who pays it back. */
  readonly detail: string;
}

/**
 * Money billing does not keep from a bank transfer is never kept silently: each amount is recorded
 * as owed back to the payer (payer_refunds) and announced with bank-transfer.flagged for finance to
 * pay back, in the caller's transaction, so neither happens without the other.
 */
@Injectable()
export class PayerRefunds {
  constructor(
    private readonly transfers: BankTransferStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async flag(ctx: EventContext, flag: Flag): Promise<void> {
    const flaggedAt = this.clock.now();
    const { invoice } = flag;
    await this.transfers.insertPayerRefund(ctx.manager, {
      transferId: flag.transferId,
      reason: flag.reason,
      amountCents: flag.amount.cents,
      currency: flag.amount.currency,
      invoiceNumber: invoice?.number ?? null,
      refundNumber: flag.refundNumber ?? null,
      detail: flag.detail,
      flaggedAt,
    });
    await ctx.publish(bankTransferFlaggedV1, invoice?.orderId ?? flag.transferId, {
      transferId: flag.transferId,
      reason: flag.reason,
      refundableCents: flag.amount.cents,
      currency: flag.amount.currency,
      reference: flag.reference,
      ...(invoice === undefined ? {} : { invoiceNumber: invoice.number, orderId: invoice.orderId, customerId: invoice.customerId }),
      detail: flag.detail,
      flaggedAt: flaggedAt.toISOString(),
    });
  }
}
