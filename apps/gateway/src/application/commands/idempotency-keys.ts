import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type Transaction, UnitOfWork } from '@rental/persistence';
import { canonicalJson } from '../../domain/canonical-json';
import { type IdempotencyVerdict, judgeIdempotentRequest } from '../../domain/idempotent-request';
import { sha256Hex } from '../common/sha256';
import { IdempotencyKeyStore, type KeyedRequest, type StoredRequest } from '../ports/idempotency-key-store';

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
    private readonly keys: IdempotencyKeyStore,
    private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** What an earlier request under this key makes of this one. */
  async judge(request: KeyedRequest): Promise<IdempotencyVerdict<StoredRequest>> {
    const seen = await this.keys.find(request.customerId, request.key);
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
    send: (tx: Transaction) => Promise<unknown>,
  ): Promise<IdempotencyVerdict<StoredRequest>> {
    const claimed = await this.unitOfWork.run(async (tx) => {
      // A concurrent claim of the same key waits for ours and then finds it.
      if (request && !(await this.keys.claim(tx, request, ids, this.clock.now()))) return false;
      await send(tx);
      return true;
    });
    return claimed || !request ? { kind: 'first' } : this.judge(request);
  }
}
