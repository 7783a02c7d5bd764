import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { orderPlaceV1, type orderRejectedV1, type PayloadOf } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { DataSource } from 'typeorm';
import { type CustomerEntity, OrderViewEntity, QuoteViewEntity } from '../../infrastructure/entities';
import { customerSnapshot } from './customer-snapshot';
import { IdempotencyKeys, type KeyedRequest, requestHash } from './idempotency-keys';
import { ReplyWaiter } from '../common/reply-waiter';

export interface OrderRequest {
  quoteId: string;
  sshPublicKey?: string;
}

export type OrderAnswer =
  | { kind: 'placed'; order: OrderViewEntity; replayed: boolean }
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
    private readonly dataSource: DataSource,
    private readonly replies: ReplyWaiter,
  ) {}

  async place(customer: CustomerEntity, idempotencyKey: string, request: OrderRequest, correlationId: string): Promise<OrderAnswer> {
    // The body alone, as it was hashed before other requests shared the keys: stored keys keep matching.
    const keyed: KeyedRequest = { customerId: customer.id, key: idempotencyKey, requestHash: requestHash(request) };
    const seen = await this.keys.judge(keyed);
    if (seen.kind === 'key_reused') return { kind: 'idempotency_key_reused' };
    if (seen.kind === 'replay') return this.answer(customer, seen.stored.orderId, true);

    // Only the customer's own quotes can be ordered; someone else's looks exactly like an unknown one.
    const quote = await this.dataSource
      .getRepository(QuoteViewEntity)
      .findOneBy({ quoteId: request.quoteId, customerId: customer.id, status: 'created' });
    if (!quote) return { kind: 'quote_not_found' };

    const orderId = randomUUID();
    const sent = await this.keys.claimAndSend(keyed, { orderId, requestId: null }, (manager) =>
      this.outbox.record(
        manager,
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

  private async answer(customer: CustomerEntity, orderId: string, replayed: boolean): Promise<OrderAnswer> {
    const orders = this.dataSource.getRepository(OrderViewEntity);
    // Answered once the order was placed, or refused without being placed.
    const order = await this.replies.waitFor(orderId, async () => {
      const found = await orders.findOneBy({ orderId, customerId: customer.id });
      return found && (found.placedAt !== null || found.rejectionReason !== null) ? found : undefined;
    });
    if (!order) return { kind: 'timeout', orderId };
    if (order.placedAt === null) return { kind: 'rejected', reason: order.rejectionReason!, detail: order.rejectionDetail ?? '' };
    return { kind: 'placed', order, replayed };
  }
}
