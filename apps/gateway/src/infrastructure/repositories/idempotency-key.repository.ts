import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import { DataSource } from 'typeorm';
import type { IdempotencyKeyStore, KeyedRequest, StoredRequest } from '../../application/ports/idempotency-key-store';
import { IdempotencyKeyEntity } from '../entities';

@Injectable()
export class IdempotencyKeyRepository implements IdempotencyKeyStore {
  constructor(private readonly dataSource: DataSource) {}

  find(customerId: string, key: string): Promise<StoredRequest | null> {
    return this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ customerId, key });
  }

  async claim(tx: Transaction, request: KeyedRequest, ids: { orderId: string; requestId: string | null }, at: Date): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO gateway_idempotency_keys (customer_id, key, request_hash, order_id, request_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (customer_id, key) DO NOTHING RETURNING order_id`,
      [request.customerId, request.key, request.requestHash, ids.orderId, ids.requestId, at],
    );
    return inserted.length === 1;
  }
}
