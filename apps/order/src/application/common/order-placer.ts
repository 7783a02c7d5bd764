import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { orderPlacedV1, type orderRejectedV1, type PayloadOf } from '@rental/contracts';
import { err, ok, type Result } from '@rental/result';
import { Order } from '../../domain/order';
import { plannedProvisioningStart } from '../../domain/provisioning-start';
import { ORDER_SETTINGS, type OrderSettings } from '../../order-settings';
import { type CustomerSnapshot, OrderStore } from '../ports/order-store';
import { QuoteStore } from '../ports/quote-store';
import { OrderTimeline } from './order-timeline';
import type { OrderTransaction } from './order-transaction';

export interface PlaceOrder {
  readonly orderId: string;
  readonly quoteId: string;
  readonly customer: CustomerSnapshot;
  readonly sshPublicKey?: string;
}

export interface OrderRefusal {
  readonly reason: Exclude<PayloadOf<typeof orderRejectedV1>['reason'], 'no_capacity'>;
  readonly detail: string;
}

/**
 * Orders, however they are asked for: a valid quote of the customer's becomes an order, announced
 * (order.placed, with the customer as the order keeps them) for provisioning to find capacity. A
 * refusal is the caller's to answer.
 */
@Injectable()
export class OrderPlacer {
  constructor(
    private readonly quotes: QuoteStore,
    private readonly orders: OrderStore,
    private readonly timeline: OrderTimeline,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDER_SETTINGS) private readonly settings: OrderSettings,
  ) {}

  async place(tx: OrderTransaction, command: PlaceOrder): Promise<Result<Order, OrderRefusal>> {
    const now = this.clock.now();
    const quote = await this.quotes.findForOrdering(tx.manager, command.quoteId);
    // Another customer's quote is answered exactly like a missing one: its existence is not theirs to learn.
    if (!quote || quote.customerId !== command.customer.customerId) return err({ reason: 'quote_not_found', detail: `no quote ${command.quoteId}` });
    if (quote.orderedBy !== null) return err({ reason: 'quote_already_ordered', detail: `quote ${quote.quoteId} was ordered already` });
    if (new Date(quote.validUntil).getTime() < now.getTime()) {
      return err({ reason: 'quote_expired', detail: `the quote was valid until ${quote.validUntil}; ask for a new one` });
    }
    const overLimit = await this.unpaidLimitRefusal(tx, quote.customerId);
    if (overLimit) return err(overLimit);

    const { order, events } = Order.place(
      {
        id: command.orderId,
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
    await this.orders.insert(tx.manager, order, command.customer, now);
    await this.quotes.markOrdered(tx.manager, quote.quoteId, order.id);
    await tx.publish(orderPlacedV1, order.id, {
      orderId: order.id,
      quoteId: quote.quoteId,
      customer: command.customer,
      planCode: quote.planCode,
      resources: quote.resources,
      locationCode: quote.locationCode,
      imageCode: quote.imageCode,
      quantity: quote.price.quantity,
      period: quote.period,
      price: quote.price,
      ...(command.sshPublicKey === undefined ? {} : { sshPublicKey: command.sshPublicKey }),
      placedAt: now.toISOString(),
      provisioningFrom: plannedProvisioningStart(new Date(quote.period.start), this.settings.provisioningLeadMinutes).toISOString(),
    });
    await this.timeline.publish(tx, quote.customerId, events);
    return ok(order);
  }

  /**
   * Each unpaid order holds capacity until its payment window closes: one customer may have only so
   * many, so that no one holds a whole location without paying. The customer stays locked to the end
   * of the transaction, which places the order or refuses it.
   */
  async unpaidLimitRefusal(tx: OrderTransaction, customerId: string): Promise<(OrderRefusal & { reason: 'too_many_unpaid_orders' }) | undefined> {
    const unpaid = await this.orders.countUnpaidLocked(tx.manager, customerId);
    const max = this.settings.maxUnpaidOrdersPerCustomer;
    if (unpaid < max) return undefined;
    return { reason: 'too_many_unpaid_orders', detail: `${unpaid} orders of yours await payment, and ${max} is the most at once; pay or cancel one first` };
  }
}
