import { Injectable, Logger } from '@nestjs/common';
import { invoiceIssuedV1, orderAcceptedV1, orderExtensionAcceptedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { paymentReferenceOf } from '../domain/payment-reference';
import { OrderSettlementRepository } from '../infrastructure/persistence/order-settlement.repository';
import { InvoiceIssuer, type InvoiceRequest, type IssuedInvoice, type OrderAccepted } from './invoice-issuer';

type ExtensionAccepted = PayloadOf<typeof orderExtensionAcceptedV1>;

/**
 * order.accepted and order.extension-accepted -> the invoice (for the order, or for the extension,
 * due when the rental would otherwise end), its payment at the provider, and invoice.issued with
 * the checkout URL and the payment reference to quote when paying by bank transfer.
 */
@Injectable()
export class OrderAcceptedHandler {
  private readonly logger = new Logger(OrderAcceptedHandler.name);

  constructor(
    private readonly issuer: InvoiceIssuer,
    private readonly settlements: OrderSettlementRepository,
  ) {}

  @HandleEvent(orderAcceptedV1)
  async onOrderAccepted(event: EventEnvelope<OrderAccepted>, ctx: EventContext): Promise<void> {
    await this.invoice(event.payload, event.id, ctx);
  }

  @HandleEvent(orderExtensionAcceptedV1)
  async onExtensionAccepted(event: EventEnvelope<ExtensionAccepted>, ctx: EventContext): Promise<void> {
    await this.invoice(event.payload, event.id, ctx);
  }

  private async invoice(request: InvoiceRequest, eventId: string, ctx: EventContext): Promise<void> {
    const what = request.extensionId === undefined ? `order ${request.orderId}` : `extension ${request.extensionId} of order ${request.orderId}`;
    if (await this.settlements.isSettled(ctx.manager, request.orderId)) {
      // Seen after the rental stopped (e.g. replayed from the dead-letter topic): nothing is owed for it.
      this.logger.warn(`${what} is not invoiced: the order was cancelled or ended before billing saw event ${eventId}`);
      return;
    }
    const issued = await this.issuer.issueFor(ctx.manager, request);
    if (issued === undefined) {
      this.logger.log(`${what} is invoiced already; event ${eventId} changes nothing`);
      return;
    }
    await ctx.publish(invoiceIssuedV1, request.orderId, invoiceIssued(request, issued));
  }
}

function invoiceIssued(request: InvoiceRequest, { invoice, payment }: IssuedInvoice): PayloadOf<typeof invoiceIssuedV1> {
  const { net, vat, gross } = invoice.totals;
  return {
    orderId: request.orderId,
    customerId: request.customer.customerId,
    invoiceNumber: invoice.number,
    ...(request.extensionId === undefined ? {} : { extensionId: request.extensionId }),
    paymentReference: paymentReferenceOf(invoice.number),
    ...(invoice.customer.billingAddress === undefined ? {} : { billingAddress: invoice.customer.billingAddress }),
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
    recipient: { email: request.customer.email, language: request.customer.language },
  };
}
