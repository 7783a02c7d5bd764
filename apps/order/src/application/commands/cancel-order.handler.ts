import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderCancellationRejectedV1, orderCancelV1, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent, RejectInvalid } from '@rental/messaging';
import { z } from 'zod';
import { OrderStore } from '../ports/order-store';
import { RentalProcessManager } from '../process/rental-process.manager';

type CancelOrder = PayloadOf<typeof orderCancelV1>;
type Rejection = PayloadOf<typeof orderCancellationRejectedV1>['reason'];

/** What an order.cancel must hold readably to be answered even when it breaks its contract. */
const answerable = z.object({ orderId: z.uuid(), customerId: z.uuid(), requestId: z.uuid() });

/**
 * order.cancel: the customer stops a rental; answered by order.cancelled (the rental's process, step
 * "customer cancels") or order.cancellation-rejected.
 */
@Injectable()
export class CancelOrderHandler {
  constructor(
    private readonly process: RentalProcessManager,
    private readonly orders: OrderStore,
  ) {}

  @HandleEvent(orderCancelV1)
  async onCancelOrder(command: EventEnvelope<CancelOrder>, ctx: EventContext): Promise<void> {
    const request = command.payload;
    const loaded = await this.orders.loadForUpdate(ctx.manager, request.orderId);
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
    if (await this.process.cancelByCustomer(ctx, loaded, { detail, requestId: request.requestId })) return;
    await this.reject(ctx, request, 'not_cancellable', `a rental that is ${status.replace('_', ' ')} cannot be cancelled`, status);
  }

  /** An order.cancel that broke its contract is refused as invalid_request; the rental goes on as it was. */
  @RejectInvalid(orderCancelV1)
  async onInvalidCancelOrder(command: EventEnvelope<unknown>, problem: string, ctx: EventContext): Promise<void> {
    const ids = answerable.safeParse(command.payload);
    if (!ids.success || (await this.orders.cancelRequestOf(ctx.manager, ids.data.orderId)) === ids.data.requestId) return;
    await this.reject(ctx, ids.data, 'invalid_request', problem);
  }

  private async reject(
    ctx: EventContext,
    request: Pick<CancelOrder, 'orderId' | 'customerId' | 'requestId'>,
    reason: Rejection,
    detail: string,
    status?: string,
  ) {
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
