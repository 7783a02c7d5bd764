import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { orderPlaceV1, type orderRejectedV1, type PayloadOf } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { UnitOfWork } from '@rental/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { canonicalJson } from '../domain/canonical-json';
import { judgeIdempotentRequest } from '../domain/idempotent-request';
import { type CustomerEntity, IdempotencyKeyEntity, OrderViewEntity, QuoteViewEntity } from '../infrastructure/entities';
import { sha256Hex } from '../infrastructure/sha256';
import { customerSnapshot } from './customer-snapshot';
import { ReplyWaiter } from './reply-waiter';

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

/**
 * Places an order exactly once per (customer, Idempotency-Key): the key, the hash of the body and
 * the order id are stored in the same transaction as the order.place command, so a retry finds
 * them and waits for the same order instead of sending a second command.
 */
@Injectable()
export class OrderPlacement {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly dataSource: DataSource,
    private readonly replies: ReplyWaiter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async place(customer: CustomerEntity, idempotencyKey: string, request: OrderRequest, correlationId: string): Promise<OrderAnswer> {
    const requestHash = sha256Hex(canonicalJson(request));
    const keys = this.dataSource.getRepository(IdempotencyKeyEntity);
    const seen = await keys.findOneBy({ customerId: customer.id, key: idempotencyKey });
    const verdict = judgeIdempotentRequest(seen ?? undefined, requestHash);
    if (verdict.kind === 'key_reused') return { kind: 'idempotency_key_reused' };
    if (verdict.kind === 'replay') return this.answer(customer, verdict.orderId, true);

    // Only the customer's own quotes can be ordered; someone else's looks exactly like an unknown one.
    const quote = await this.dataSource
      .getRepository(QuoteViewEntity)
      .findOneBy({ quoteId: request.quoteId, customerId: customer.id, status: 'created' });
    if (!quote) return { kind: 'quote_not_found' };

    const orderId = randomUUID();
    const claimed = await this.unitOfWork.run(async (manager) => {
      if (!(await this.claimKey(manager, customer.id, idempotencyKey, requestHash, orderId))) return false;
      await this.outbox.record(
        manager,
        orderPlaceV1,
        orderId,
        { orderId, quoteId: request.quoteId, customer: customerSnapshot(customer), ...(request.sshPublicKey ? { sshPublicKey: request.sshPublicKey } : {}) },
        { correlationId },
      );
      return true;
    });
    if (claimed) return this.answer(customer, orderId, false);

    // A concurrent request with the same key won the race: judge against what it stored.
    const winner = await keys.findOneByOrFail({ customerId: customer.id, key: idempotencyKey });
    const second = judgeIdempotentRequest(winner, requestHash);
    return second.kind === 'replay' ? this.answer(customer, second.orderId, true) : { kind: 'idempotency_key_reused' };
  }

  /** Inserts the key unless it exists; a concurrent insert of the same key waits for ours and then finds it. */
  private async claimKey(manager: EntityManager, customerId: string, key: string, requestHash: string, orderId: string): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO gateway_idempotency_keys (customer_id, key, request_hash, order_id, created_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (customer_id, key) DO NOTHING RETURNING order_id`,
      [customerId, key, requestHash, orderId, this.clock.now()],
    );
    return inserted.length === 1;
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
