import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, orderPlacedV1, orderPlaceV1, orderRejectedV1, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { Order } from '../domain/order';
import { OrderRepository } from '../infrastructure/order.repository';
import { QuoteRepository } from '../infrastructure/quote.repository';
import { OrderEventPublisher } from './order-event-publisher';

type PlaceOrder = PayloadOf<typeof orderPlaceV1>;

/** order.place: turn a valid quote into an order (order.placed), or say why not (order.rejected). */
@Injectable()
export class PlaceOrderHandler {
  constructor(
    private readonly quotes: QuoteRepository,
    private readonly orders: OrderRepository,
    private readonly timeline: OrderEventPublisher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(orderPlaceV1)
  async onPlaceOrder(command: EventEnvelope<PlaceOrder>, ctx: EventContext): Promise<void> {
    const request = command.payload;
    // The sender chose the order id: a resent request must not place a second order.
    if (await this.orders.exists(ctx.manager, request.orderId)) return;
    const now = this.clock.now();
    const quote = await this.quotes.findForOrdering(ctx.manager, request.quoteId);
    const reject = async (reason: PayloadOf<typeof orderRejectedV1>['reason'], detail: string): Promise<void> => {
      await ctx.publish(orderRejectedV1, request.orderId, {
        orderId: request.orderId,
        quoteId: request.quoteId,
        customerId: request.customer.customerId,
        reason,
        detail,
      });
    };

    // Another customer's quote is answered exactly like a missing one: its existence is not theirs to learn.
    if (!quote || quote.customerId !== request.customer.customerId) return reject('quote_not_found', `no quote ${request.quoteId}`);
    if (quote.orderedBy !== null) return reject('quote_already_ordered', `quote ${quote.quoteId} was ordered already`);
    if (new Date(quote.validUntil).getTime() < now.getTime()) {
      return reject('quote_expired', `the quote was valid until ${quote.validUntil}; ask for a new one`);
    }

    const { order, events } = Order.place(
      {
        id: request.orderId,
        customerId: quote.customerId,
        quoteId: quote.quoteId,
        planCode: quote.planCode,
        locationCode: quote.locationCode,
        imageCode: quote.imageCode,
        quantity: quote.price.quantity,
        period: { start: new Date(quote.period.start), end: new Date(quote.period.end) },
        price: { totalCents: quote.price.totalCents, currency: 'EUR' },
      },
      now,
    );
    await this.orders.insert(ctx.manager, order, request.customer, now);
    await this.quotes.markOrdered(ctx.manager, quote.quoteId, order.id);
    await ctx.publish(orderPlacedV1, order.id, {
      orderId: order.id,
      quoteId: quote.quoteId,
      customer: request.customer,
      planCode: quote.planCode,
      resources: quote.resources,
      locationCode: quote.locationCode,
      imageCode: quote.imageCode,
      quantity: quote.price.quantity,
      period: quote.period,
      price: quote.price,
      ...(request.sshPublicKey === undefined ? {} : { sshPublicKey: request.sshPublicKey }),
      placedAt: now.toISOString(),
    });
    await this.timeline.publishTimeline(ctx, quote.customerId, events);
  }
}
