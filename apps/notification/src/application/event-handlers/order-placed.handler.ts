import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderPlacedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { type Language, parseLanguage } from '../../domain/language';
import { describePlan } from '../../domain/plan-description';
import type { OrderReceivedInput } from '../../domain/templates/order-received';
import { causeOf, MailRequests } from '../common/mail-requests';

type OrderPlaced = PayloadOf<typeof orderPlacedV1>;

/** An order was placed: remember whom the order says to mail about it, and confirm the order to them. */
@Injectable()
export class OrderPlacedHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(orderPlacedV1)
  async onOrderPlaced(event: EventEnvelope<OrderPlaced>, ctx: EventContext): Promise<void> {
    const { orderId, customer } = event.payload;
    const ordered = { orderId, customerId: customer.customerId, name: customer.name, email: customer.email, language: parseLanguage(customer.language) };
    const recipient = await this.mails.recipientOf(ctx.manager, customer.customerId, ordered);
    // First the order's own mail, then any that waited for this customer: they come after it in the story.
    await this.mails.request(ctx.manager, causeOf(event), orderId, 'order-received', recipient, orderReceivedInput(event.payload, recipient.language));
    await this.mails.recordCustomer(ctx.manager, ordered);
  }
}

function orderReceivedInput(order: OrderPlaced, language: Language): OrderReceivedInput {
  return {
    orderId: order.orderId,
    plan: describePlan(order, language),
    location: order.locationCode,
    period: { start: new Date(order.period.start), end: new Date(order.period.end) },
    // The mail promises the price before VAT; the invoice works the VAT out.
    total: { cents: order.price.subtotalCents, currency: order.price.currency },
  };
}
