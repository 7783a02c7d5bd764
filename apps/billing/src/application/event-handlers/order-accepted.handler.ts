import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderAcceptedV1 } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { InvoiceIssuer, type OrderAccepted } from '../common/invoice-issuer';

/**
 * order.accepted -> the order's invoice, its payment at the provider, and invoice.issued with the
 * checkout URL and the payment reference to quote when paying by bank transfer.
 */
@Injectable()
export class OrderAcceptedHandler {
  constructor(private readonly issuer: InvoiceIssuer) {}

  @HandleEvent(orderAcceptedV1)
  async onOrderAccepted(event: EventEnvelope<OrderAccepted>, ctx: EventContext): Promise<void> {
    await this.issuer.invoiceAccepted(ctx, event.payload);
  }
}
