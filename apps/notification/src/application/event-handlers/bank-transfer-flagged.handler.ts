import { Injectable, Logger } from '@nestjs/common';
import { bankTransferFlaggedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { toOneLine } from '../../domain/free-text';
import { paymentReferenceOf } from '../../domain/payment-reference';
import type { BankTransferRefundPendingInput } from '../../domain/templates/bank-transfer-refund-pending';
import { causeOf, MailRequests } from '../common/mail-requests';

type BankTransferFlagged = PayloadOf<typeof bankTransferFlaggedV1>;

/**
 * Money of a bank transfer for one of our invoices that billing cannot keep: tell the customer it will
 * be paid back, and why. A transfer billing could not match to an invoice has no customer we know to
 * tell; finance, which flagged it, deals with the payer.
 */
@Injectable()
export class BankTransferFlaggedHandler {
  private readonly logger = new Logger(BankTransferFlaggedHandler.name);

  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(bankTransferFlaggedV1)
  async onFlagged(event: EventEnvelope<BankTransferFlagged>, ctx: EventContext): Promise<void> {
    const flagged = event.payload;
    if (flagged.orderId === undefined || flagged.invoiceNumber === undefined) {
      this.logger.log(`transfer ${flagged.transferId} (${flagged.reason}) matches no invoice: no customer to mail`);
      return;
    }
    const transferReference = toOneLine(flagged.reference);
    const input: BankTransferRefundPendingInput = {
      reason: flagged.reason,
      amount: { cents: flagged.refundableCents, currency: flagged.currency },
      invoiceNumber: flagged.invoiceNumber,
      paymentReference: paymentReferenceOf(flagged.invoiceNumber),
      ...(transferReference ? { transferReference } : {}),
    };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), flagged.orderId, 'bank-transfer-refund-pending', input, flagged.customerId);
  }
}
