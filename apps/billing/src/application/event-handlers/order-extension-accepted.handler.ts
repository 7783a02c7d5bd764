import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderExtensionAcceptedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { InvoiceIssuer } from '../common/invoice-issuer';

/**
 * order.extension-accepted -> the extension's invoice, due when the rental would otherwise end, its
 * payment at the provider, and invoice.issued naming the extension.
 */
@Injectable()
export class OrderExtensionAcceptedHandler {
  constructor(private readonly issuer: InvoiceIssuer) {}

  @HandleEvent(orderExtensionAcceptedV1)
  async onExtensionAccepted(event: EventEnvelope<PayloadOf<typeof orderExtensionAcceptedV1>>, ctx: EventContext): Promise<void> {
    await this.issuer.invoiceAccepted(ctx, event.payload);
  }
}
