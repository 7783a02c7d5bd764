import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { orderPlaceV1, type orderRejectedV1, type PayloadOf } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { ReplyWaiter } from '../common/reply-waiter';
import type { Customer } from '../ports/customer-store';
import type { KeyedRequest } from '../ports/idempotency-key-store';
import { OrderReadModel, type OrderRecord } from '../ports/order-read-model';
import { QuoteReadModel } from '../ports/quote-read-model';
import { customerSnapshot } from './customer-snapshot';
import { IdempotencyKeys, requestHash } from './idempotency-keys';

export interface OrderRequest {
  quoteId: string;
  sshPublicKey?: string;
}

export type OrderAnswer =
  | { kind: 'placed'; order: OrderRecord; replayed: boolean }
  | { kind: 'rejected'; reason: PayloadOf<typeof orderRejectedV1>['reason']; detail: string }
  | { kind: 'quote_not_found' }
  | { kind: 'idempotency_key_reused' }
  | { kind: 'timeout'; orderId: string };

/** Places an order exactly once per (customer, Idempotency-Key), and waits for the order service's answer. */
@Injectable()
export class PlaceOrderHandler {
  constructor(
    private readonly keys: IdempotencyKeys,
    private readonly outbox: Outbox,
    private readonly quotes: QuoteReadModel,
    private readonly orders: OrderReadModel,
    private readonly replies: ReplyWaiter,
  ) {}

  async place(customer: Customer, idempotencyKey: string, request: OrderRequest, correlationId: string): Promise<OrderAnswer> {
    // The body alone, as it was hashed before other requests shared the keys: stored keys keep matching.
    const keyed: KeyedRequest = { customerId: customer.id, key: idempotencyKey, requestHash: requestHash(request) };
    const seen = await this.keys.judge(keyed);
    if (seen.kind === 'key_reused') return { kind: 'idempotency_key_reused' };
    if (seen.kind === 'replay') return this.answer(customer, seen.stored.orderId, true);

    // Only the customer's own quotes can be ordered; someone else's looks exactly like an unknown one.
    const quote = await this.quotes.findPriced(customer.id, request.quoteId);
    if (!quote) return { kind: 'quote_not_found' };

    const orderId = randomUUID();
    const sent = await this.keys.claimAndSend(keyed, { orderId, requestId: null }, (tx) =>
      this.outbox.record(
        tx,
        orderPlaceV1,
        orderId,
        { orderId, quoteId: request.quoteId, customer: customerSnapshot(customer), ...(request.sshPublicKey ? { sshPublicKey: request.sshPublicKey } : {}) },
        { correlationId },
      ),
    );
    switch (sent.kind) {
      case 'first':
        return this.answer(customer, orderId, false);
      case 'replay':
        return this.answer(customer, sent.stored.orderId, true);
      case 'key_reused':
        return { kind: 'idempotency_key_reused' };
    }
  }

  private async answer(customer: Customer, orderId: string, replayed: boolean): Promise<OrderAnswer> {
    // Answered once the order was placed, or refused without being placed.
    const order = await this.replies.waitFor(orderId, async () => {
      const found = await this.orders.find(customer.id, orderId);
      return found && (found.placedAt !== null || found.rejectionReason !== null) ? found : undefined;
    });
    if (!order) return { kind: 'timeout', orderId };
    if (order.placedAt === null) return { kind: 'rejected', reason: order.rejectionReason!, detail: order.rejectionDetail ?? '' };
    return { kind: 'placed', order, replayed };
  }
}
