import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import {
  capacityReservedV1,
  capacityUnavailableV1,
  type EventEnvelope,
  invoicePaidV1,
  machineProvisioningFailedV1,
  machineProvisioningStartedV1,
  machineRunningV1,
  orderAcceptedV1,
  orderPaidV1,
  orderRejectedV1,
  type PayloadOf,
} from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import type { LifecycleTrigger, Order } from '../domain/order';
import { type CustomerSnapshot, OrderRepository } from '../infrastructure/order.repository';
import { QuoteRepository } from '../infrastructure/quote.repository';
import { ORDER_SETTINGS, type OrderSettings } from '../order-settings';
import { OrderEventPublisher } from './order-event-publisher';

/**
 * The rental's process manager: the facts other services publish move the order through its state
 * machine, and each move publishes what the next service acts on. A fact that does not fit the
 * order's status (late, or repeated under a new id) changes nothing and is logged.
 */
@Injectable()
export class RentalProcessHandler {
  private readonly logger = new Logger(RentalProcessHandler.name);

  constructor(
    private readonly orders: OrderRepository,
    private readonly quotes: QuoteRepository,
    private readonly timeline: OrderEventPublisher,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDER_SETTINGS) private readonly settings: OrderSettings,
  ) {}

  @HandleEvent(capacityReservedV1)
  async onCapacityReserved(event: EventEnvelope<PayloadOf<typeof capacityReservedV1>>, ctx: EventContext): Promise<void> {
    const moved = await this.move(ctx, event.payload.orderId, 'capacity_reserved');
    if (!moved) return;
    const { order, customer } = moved;
    const s = order.snapshot();
    // The price was frozen in the quote; the order keeps only its total.
    const quote = await this.quotes.find(ctx.manager, s.quoteId);
    if (!quote) throw new Error(`order ${s.id} refers to missing quote ${s.quoteId}`);
    await ctx.publish(orderAcceptedV1, s.id, {
      orderId: s.id,
      customer,
      description: `${s.quantity} x ${s.planCode} in ${s.locationCode}, ${s.imageCode}`,
      period: { start: s.period.start.toISOString(), end: s.period.end.toISOString() },
      price: quote.price,
      paymentDueAt: new Date(this.clock.now().getTime() + this.settings.paymentWindowMinutes * 60_000).toISOString(),
    });
  }

  @HandleEvent(capacityUnavailableV1)
  async onCapacityUnavailable(event: EventEnvelope<PayloadOf<typeof capacityUnavailableV1>>, ctx: EventContext): Promise<void> {
    const moved = await this.move(ctx, event.payload.orderId, 'capacity_unavailable', event.payload.detail);
    if (!moved) return;
    const s = moved.order.snapshot();
    await ctx.publish(orderRejectedV1, s.id, {
      orderId: s.id,
      quoteId: s.quoteId,
      customerId: s.customerId,
      reason: 'no_capacity',
      detail: event.payload.detail,
    });
  }

  @HandleEvent(invoicePaidV1)
  async onInvoicePaid(event: EventEnvelope<PayloadOf<typeof invoicePaidV1>>, ctx: EventContext): Promise<void> {
    const { orderId, invoiceNumber, paidAt } = event.payload;
    const moved = await this.move(ctx, orderId, 'payment_received', `invoice ${invoiceNumber} paid`);
    if (!moved) return;
    await ctx.publish(orderPaidV1, orderId, { orderId, invoiceNumber, paidAt });
  }

  @HandleEvent(machineProvisioningStartedV1)
  async onProvisioningStarted(event: EventEnvelope<PayloadOf<typeof machineProvisioningStartedV1>>, ctx: EventContext): Promise<void> {
    const loaded = await this.load(ctx, event.payload.orderId);
    // The first machine moves the order; the others find it provisioning already.
    if (loaded.order.status !== 'paid') return;
    await this.apply(ctx, loaded, 'provisioning_started');
  }

  @HandleEvent(machineRunningV1)
  async onMachineRunning(event: EventEnvelope<PayloadOf<typeof machineRunningV1>>, ctx: EventContext): Promise<void> {
    const { orderId, machineId, runningSince } = event.payload;
    const loaded = await this.load(ctx, orderId);
    const running = await this.orders.recordMachineRunning(ctx.manager, orderId, machineId, new Date(runningSince));
    if (running < loaded.order.snapshot().quantity) return;
    await this.apply(ctx, loaded, 'machine_running', `${running} machine(s) running`);
  }

  @HandleEvent(machineProvisioningFailedV1)
  async onProvisioningFailed(event: EventEnvelope<PayloadOf<typeof machineProvisioningFailedV1>>, ctx: EventContext): Promise<void> {
    await this.move(ctx, event.payload.orderId, 'provisioning_failed', event.payload.reason);
  }

  private async move(ctx: EventContext, orderId: string, trigger: LifecycleTrigger, detail?: string) {
    return this.apply(ctx, await this.load(ctx, orderId), trigger, detail);
  }

  /** An event about an order we never placed is a fault upstream: the consumer dead-letters it. */
  private async load(ctx: EventContext, orderId: string): Promise<{ order: Order; customer: CustomerSnapshot }> {
    const loaded = await this.orders.loadForUpdate(ctx.manager, orderId);
    if (!loaded) throw new Error(`${ctx.event.type} for unknown order ${orderId}`);
    return loaded;
  }

  private async apply(
    ctx: EventContext,
    loaded: { order: Order; customer: CustomerSnapshot },
    trigger: LifecycleTrigger,
    detail?: string,
  ): Promise<{ order: Order; customer: CustomerSnapshot } | undefined> {
    const result = loaded.order.apply(trigger, this.clock.now(), detail);
    if (!result.ok) {
      this.logger.warn(`${ctx.event.type} ${ctx.event.id} ignored for order ${loaded.order.id} in ${loaded.order.status}: ${result.error.reason}`);
      return undefined;
    }
    await this.orders.save(ctx.manager, loaded.order);
    await this.timeline.publishTimeline(ctx, loaded.order.snapshot().customerId, result.value);
    return loaded;
  }
}
