import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, orderExtendV1, orderExtensionAcceptedV1, orderExtensionRejectedV1, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent, RejectInvalid } from '@rental/messaging';
import { z } from 'zod';
import { priceExtension } from '../../domain/extension';
import { ORDER_SETTINGS, type OrderSettings } from '../../order-settings';
import { OrderTimeline } from '../common/order-timeline';
import { CatalogueStore } from '../ports/catalogue-store';
import { ExtensionStore } from '../ports/extension-store';
import { OrderStore } from '../ports/order-store';

type ExtendOrder = PayloadOf<typeof orderExtendV1>;
type RejectionReason = PayloadOf<typeof orderExtensionRejectedV1>['reason'];

/** What an order.extend must hold readably to be answered even when it breaks its contract. */
const answerable = z.object({ orderId: z.uuid(), customerId: z.uuid(), extensionId: z.uuid() });

/**
 * order.extend: prices more time for a running rental and asks billing to invoice it; the end moves
 * when that invoice is paid (the rental's process, step "extension paid"). Due at the current end: unpaid by then, the
 * rental ends as planned.
 */
@Injectable()
export class ExtendOrderHandler {
  constructor(
    private readonly orders: OrderStore,
    private readonly timeline: OrderTimeline,
    private readonly extensions: ExtensionStore,
    private readonly catalogue: CatalogueStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDER_SETTINGS) private readonly settings: OrderSettings,
  ) {}

  @HandleEvent(orderExtendV1)
  async onExtendOrder(command: EventEnvelope<ExtendOrder>, ctx: EventContext): Promise<void> {
    const request = command.payload;
    const loaded = await this.orders.loadForUpdate(ctx.manager, request.orderId);
    if (!loaded || loaded.order.snapshot().customerId !== request.customerId) {
      return this.reject(ctx, request, 'order_not_found', `there is no order ${request.orderId} for this customer`);
    }
    // The sender chose the extension id: a resent request was answered the first time.
    if ((await this.extensions.find(ctx.manager, request.extensionId)) !== undefined) return;
    const order = loaded.order.snapshot();
    const priced = priceExtension(order, request.end !== undefined ? { end: new Date(request.end) } : { duration: request.duration }, {
      catalogue: await this.catalogue.load(ctx.manager),
      customer: loaded.customer,
      maxRentalDays: this.settings.maxRentalDays,
      extensionPending: await this.extensions.hasPending(ctx.manager, order.id),
    });
    if (!priced.ok) return this.reject(ctx, request, priced.error.reason, priced.error.detail);
    const { period, price } = priced.value;
    await this.extensions.insert(
      ctx.manager,
      { extensionId: request.extensionId, orderId: order.id, period, totalCents: price.totalCents, currency: price.currency },
      this.clock.now(),
    );
    await this.timeline.note(ctx, loaded, 'extension_requested', `extension by ${price.pricedAs} to ${period.end.toISOString()}, invoiced`);
    await ctx.publish(orderExtensionAcceptedV1, order.id, {
      orderId: order.id,
      extensionId: request.extensionId,
      customer: loaded.customer,
      description: `extension of ${order.quantity} x ${order.planCode} in ${order.locationCode} by ${price.pricedAs}`,
      period: { start: period.start.toISOString(), end: period.end.toISOString() },
      price: { ...price, lines: [...price.lines] },
      paymentDueAt: period.start.toISOString(),
    });
  }

  /** An order.extend that broke its contract is refused as invalid_request; the rental keeps its end. */
  @RejectInvalid(orderExtendV1)
  async onInvalidExtendOrder(command: EventEnvelope<unknown>, problem: string, ctx: EventContext): Promise<void> {
    const ids = answerable.safeParse(command.payload);
    if (!ids.success || (await this.extensions.find(ctx.manager, ids.data.extensionId)) !== undefined) return;
    await this.reject(ctx, ids.data, 'invalid_request', problem);
  }

  private async reject(
    ctx: EventContext,
    request: Pick<ExtendOrder, 'orderId' | 'customerId' | 'extensionId'>,
    reason: RejectionReason,
    detail: string,
  ): Promise<void> {
    await ctx.publish(orderExtensionRejectedV1, request.orderId, {
      orderId: request.orderId,
      customerId: request.customerId,
      extensionId: request.extensionId,
      reason,
      detail,
    });
  }
}
