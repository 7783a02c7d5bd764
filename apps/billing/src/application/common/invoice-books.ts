import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { invoiceBalanceChangedV1, invoiceIssuedV1, type PayloadOf } from '@rental/contracts';
import type { EventContext } from '@rental/messaging';
import type { Invoice } from '../../domain/invoice';
import type { InvoiceEvent } from '../../domain/invoice-types';
import { InvoiceStore, type LoadedInvoice } from '../ports/invoice-store';
import { PaymentStore } from '../ports/payment-store';
import { announce, balanceChanged } from './invoice-announcements';

/**
 * The one place that announces a change of an invoice's books, and so the one place that publishes
 * what they add up to (invoice.balance-changed), in the transaction that changed them: issued, paid
 * online or by transfer, credited, refunded, money taken in and given back.
 */
@Injectable()
export class InvoiceBooks {
  constructor(
    private readonly invoices: InvoiceStore,
    private readonly payments: PaymentStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** An invoice just issued and stored (InvoiceIssuer): invoice.issued, then its books at revision 1. */
  async opened(ctx: EventContext, invoice: Invoice, issued: PayloadOf<typeof invoiceIssuedV1>): Promise<void> {
    await ctx.publish(invoiceIssuedV1, invoice.orderId, issued);
    await this.publishBalance(ctx, invoice);
  }

  /** Stores what domain calls changed on a loaded invoice, and publishes what follows from `events` and its books. */
  async save(ctx: EventContext, { invoice, contact }: LoadedInvoice, events: readonly InvoiceEvent[]): Promise<void> {
    await this.invoices.saveChanges(ctx.manager, invoice, { correlationId: ctx.event.correlationId, causationId: ctx.event.id });
    // The balance before the facts it sums up: a reader that has seen the credit note or the payment
    // (same key, same partition, in order) has the books that include it.
    await this.publishBalance(ctx, invoice);
    await announce(ctx, events, contact);
  }

  private async publishBalance(ctx: EventContext, invoice: Invoice): Promise<void> {
    const payment = invoice.onlinePayments.length === 0 ? null : await this.payments.findOfInvoice(ctx.manager, invoice.number);
    await ctx.publish(invoiceBalanceChangedV1, invoice.orderId, balanceChanged(invoice, payment?.paymentId, this.clock.now()));
  }
}
