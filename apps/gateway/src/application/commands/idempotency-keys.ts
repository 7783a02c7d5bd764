import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { UnitOfWork } from '@rental/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { canonicalJson } from '../../domain/canonical-json';
import { type IdempotencyVerdict, judgeIdempotentRequest } from '../../domain/idempotent-request';
import { IdempotencyKeyEntity } from '../../infrastructure/entities';
import { sha256Hex } from '../common/sha256';

/** A request made under a customer's Idempotency-Key, with the hash of what it asks. */
export interface KeyedRequest {
  customerId: string;
  key: string;
  requestHash: string;
}

/** What a key remembers: the order its request placed or acted on, and the id chosen for a cancel or extend request. */
export interface StoredRequest {
  requestHash: string;
  orderId: string;
  requestId: string | null;
}

/** The hash a keyed request is compared by: one spelling per meaning, so a retry with reordered fields matches. */
export function requestHash(request: object): string {
  return sha256Hex(canonicalJson(request));
}

/**
 * A customer's Idempotency-Keys, shared by every POST that sends a command: the key, the request's
 * hash and the ids it chose are stored in the same transaction as the command, so a retry finds
 * them and waits for the same answer instead of sending a second command.
 */
@Injectable()
export class IdempotencyKeys {
  constructor(
    private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** What an earlier request under this key makes of this one. */
  async judge(request: KeyedRequest): Promise<IdempotencyVerdict<StoredRequest>> {
    const seen = await this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ customerId: request.customerId, key: request.key });
    return judgeIdempotentRequest(seen ?? undefined, request.requestHash);
  }

  /**
   * Records the command (`send`) in one transaction with the claim of the key, when there is a key.
   * 'first' means this request sent it; when a concurrent request with the same key claimed it
   * first, this one is judged against that one instead.
   */
  async claimAndSend(
    request: KeyedRequest | undefined,
    ids: { orderId: string; requestId: string | null },
    send: (manager: EntityManager) => Promise<unknown>,
  ): Promise<IdempotencyVerdict<StoredRequest>> {
    const claimed = await this.unitOfWork.run(async (manager) => {
      if (request && !(await this.claim(manager, request, ids))) return false;
      await send(manager);
      return true;
    });
    return claimed || !request ? { kind: 'first' } : this.judge(request);
  }

  /** Inserts the key unless it exists; a concurrent insert of the same key waits for ours and then finds it. */
  private async claim(manager: EntityManager, request: KeyedRequest, ids: { orderId: string; requestId: string | null }): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO gateway_idempotency_keys (customer_id, key, request_hash, order_id, request_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (customer_id, key) DO NOTHING RETURNING order_id`,
      [request.customerId, request.key, request.requestHash, ids.orderId, ids.requestId, this.clock.now()],
    );
    return inserted.length === 1;
  }
}
