import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type orderCancellationRejectedV1, orderCancelV1, type PayloadOf } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { reflectsCancellation } from '../../domain/order-status';
import { ReplyWaiter } from '../common/reply-waiter';
import type { Customer } from '../ports/customer-store';
import type { KeyedRequest } from '../ports/idempotency-key-store';
import { OrderReadModel } from '../ports/order-read-model';
import { requestHash } from './idempotency-keys';
import { OrderCommandSender } from './order-command-sender';

export interface CancelRequest {
  note?: string;
}

export type CancelAnswer =
  | { kind: 'cancelled'; replayed: boolean }
  | { kind: 'rejected'; reason: PayloadOf<typeof orderCancellationRejectedV1>['reason']; detail: string }
  | { kind: 'order_not_found' }
  | { kind: 'idempotency_key_reused' }
  | { kind: 'timeout'; requestId: string };

/**
 * Asks the order service to cancel a rental (order.cancel) and waits for its answer: order.cancelled
 * with our requestId, or order.cancellation-rejected. Under an Idempotency-Key a retry reuses the
 * first requestId, so it cancels once and gets the first answer again.
 */
@Injectable()
export class CancelOrderHandler {
  constructor(
    private readonly commands: OrderCommandSender,
    private readonly outbox: Outbox,
    private readonly orders: OrderReadModel,
    private readonly replies: ReplyWaiter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async cancel(customer: Customer, orderId: string, idempotencyKey: string | undefined, request: CancelRequest, correlationId: string): Promise<CancelAnswer> {
    const keyed: KeyedRequest | undefined =
      idempotencyKey === undefined
        ? undefined
        : { customerId: customer.id, key: idempotencyKey, requestHash: requestHash({ operation: orderCancelV1.type, orderId, ...request }) };
    const sent = await this.commands.send(keyed, customer.id, orderId, (tx, requestId) =>
      this.outbox.record(
        tx,
        orderCancelV1,
        orderId,
        {
          orderId,
          customerId: customer.id,
          requestId,
          requestedAt: this.clock.now().toISOString(),
          ...(request.note !== undefined ? { note: request.note } : {}),
        },
        { correlationId },
      ),
    );
    return sent.kind === 'sent' ? this.answer(customer, orderId, sent.requestId, sent.replayed) : sent;
  }

  private async answer(customer: Customer, orderId: string, requestId: string, replayed: boolean): Promise<CancelAnswer> {
    const look = async (evenIfStatusLags: boolean): Promise<CancelAnswer | undefined> => {
      const rejection = await this.orders.cancellationRejection(customer.id, requestId);
      if (rejection) return { kind: 'rejected', reason: rejection.reason, detail: rejection.detail };
      const order = await this.orders.find(customer.id, orderId);
      const cancelled = order?.cancellationRequestId === requestId ? order : undefined;
      // order.cancelled and the status change are two events: answer with a view that shows both.
      return cancelled && (evenIfStatusLags || reflectsCancellation(cancelled.status)) ? { kind: 'cancelled', replayed } : undefined;
    };
    return (await this.replies.waitFor(orderId, () => look(false))) ?? (await look(true)) ?? { kind: 'timeout', requestId };
  }
}
