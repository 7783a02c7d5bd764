import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderCancellationRejectedV1, orderCancelV1, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { OrderRepository } from '../infrastructure/order.repository';
import { RentalSteps } from './rental-steps';

type CancelOrder = PayloadOf<typeof orderCancelV1>;

/** order.cancel: the customer stops a rental; answered by order.cancelled or order.cancellation-rejected. */
@Injectable()
export class CancelOrderHandler {
  constructor(
    private readonly steps: RentalSteps,
    private readonly orders: OrderRepository,
  ) {}

  @HandleEvent(orderCancelV1)
  async onCancelOrder(command: EventEnvelope<CancelOrder>, ctx: EventContext): Promise<void> {
    const request = command.payload;
    const loaded = await this.steps.load(ctx, request.orderId);
    // Another customer's order is answered as unknown: its existence is none of the sender's business.
    if (!loaded || loaded.order.snapshot().customerId !== request.customerId) {
      return this.reject(ctx, request, 'order_not_found', `there is no order ${request.orderId} for this customer`);
    }
    // The same request again (the sender timed out and retried): it was answered the first time.
    if ((await this.orders.cancelRequestOf(ctx.manager, request.orderId)) === request.requestId) return;
    const status = loaded.order.status;
    const detail =
      status === 'running'
        ? `cancelled by the customer while running${request.note ? `: ${request.note}` : ''}`
        : `cancelled by the customer${request.note ? `: ${request.note}` : ''}`;
    if (await this.steps.cancel(ctx, loaded, 'customer_cancelled', detail, request.requestId)) return;
    await this.reject(ctx, request, 'not_cancellable', `a rental that is ${status.replace('_', ' ')} cannot be cancelled`, status);
  }

  private async reject(ctx: EventContext, request: CancelOrder, reason: 'order_not_found' | 'not_cancellable', detail: string, status?: string) {
    await ctx.publish(orderCancellationRejectedV1, request.orderId, {
      orderId: request.orderId,
      customerId: request.customerId,
      requestId: request.requestId,
      reason,
      ...(status === undefined ? {} : { status }),
      detail,
    });
  }
}
