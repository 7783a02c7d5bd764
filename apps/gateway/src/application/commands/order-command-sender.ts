import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import type { KeyedRequest } from '../ports/idempotency-key-store';
import { OrderReadModel } from '../ports/order-read-model';
import { IdempotencyKeys } from './idempotency-keys';

/** How a command about an existing order went: sent (or sent before, under the same key), or not at all. */
export type OrderCommandOutcome = { kind: 'sent'; requestId: string; replayed: boolean } | { kind: 'order_not_found' } | { kind: 'idempotency_key_reused' };

/**
 * The path every command about a customer's existing order takes (cancel, extend): a retry under
 * the same Idempotency-Key gets the request id chosen the first time instead of a second command;
 * another customer's order is as unknown as a missing one and is not asked about; the command and
 * the key are recorded in one transaction.
 */
@Injectable()
export class OrderCommandSender {
  constructor(
    private readonly keys: IdempotencyKeys,
    private readonly orders: OrderReadModel,
  ) {}

  async send(
    keyed: KeyedRequest | undefined,
    customerId: string,
    orderId: string,
    record: (tx: Transaction, requestId: string) => Promise<unknown>,
  ): Promise<OrderCommandOutcome> {
    if (keyed) {
      const seen = await this.keys.judge(keyed);
      if (seen.kind === 'key_reused') return { kind: 'idempotency_key_reused' };
      // The same operation on the same order hashes alike, so the stored request is this kind of command with its id.
      if (seen.kind === 'replay') return { kind: 'sent', requestId: seen.stored.requestId!, replayed: true };
    }
    if (!(await this.orders.find(customerId, orderId))) return { kind: 'order_not_found' };

    const requestId = randomUUID();
    const sent = await this.keys.claimAndSend(keyed, { orderId, requestId }, (tx) => record(tx, requestId));
    switch (sent.kind) {
      case 'first':
        return { kind: 'sent', requestId, replayed: false };
      case 'replay':
        return { kind: 'sent', requestId: sent.stored.requestId!, replayed: true };
      case 'key_reused':
        return { kind: 'idempotency_key_reused' };
    }
  }
}
