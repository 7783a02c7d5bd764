import { Injectable, Logger } from '@nestjs/common';
import { invoiceIssuedV1, orderAcceptedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { InvoiceIssuer, type IssuedInvoice, type OrderAccepted } from './invoice-issuer';

/** order.accepted -> the invoice, its payment at the provider, and invoice.issued with the checkout URL. */
@Injectable()
export class OrderAcceptedHandler {
  private readonly logger = new Logger(OrderAcceptedHandler.name);

  constructor(private readonly issuer: InvoiceIssuer) {}

  @HandleEvent(orderAcceptedV1)
  async onOrderAccepted(event: EventEnvelope<OrderAccepted>, ctx: EventContext): Promise<void> {
    const order = event.payload;
    const issued = await this.issuer.issueFor(ctx.manager, order);
    if (issued === undefined) {
      this.logger.log(`order ${order.orderId} is invoiced already; order.accepted ${event.id} changes nothing`);
      return;
    }
    await ctx.publish(invoiceIssuedV1, order.orderId, invoiceIssued(order, issued));
  }
}

function invoiceIssued(order: OrderAccepted, { invoice, payment }: IssuedInvoice): PayloadOf<typeof invoiceIssuedV1> {
  const { net, vat, gross } = invoice.totals;
  return {
    orderId: order.orderId,
    customerId: order.customer.customerId,
    invoiceNumber: invoice.number,
    currency: gross.currency,
    netCents: net.cents,
    vat: {
      ratePercent: invoice.vat.ratePercent,
      treatment: invoice.vat.treatment,
      ...(invoice.vat.note === undefined ? {} : { note: invoice.vat.note }),
    },
    vatCents: vat.cents,
    grossCents: gross.cents,
    issuedAt: invoice.issuedAt.toISOString(),
    dueAt: invoice.dueAt.toISOString(),
    checkoutUrl: payment.checkoutUrl,
    recipient: { email: order.customer.email, language: order.customer.language },
  };
}
