import { Injectable } from '@nestjs/common';
import { type EntityManager, LessThanOrEqual } from 'typeorm';
import { RefundEntity } from './refund.entity';

/** Refunds waiting for the payment provider, and what came of each call. */
@Injectable()
export class RefundRepository {
  /**
   * Takes the pending refund due first and row-locks it until the transaction ends, skipping those
   * another runner holds, so two instances never carry out the same refund at once.
   */
  async claimDue(manager: EntityManager, now: Date): Promise<RefundEntity | null> {
    return manager.findOne(RefundEntity, {
      where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
      order: { nextAttemptAt: 'ASC', number: 'ASC' },
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
  }

  async confirm(manager: EntityManager, number: string, providerRefundId: string, confirmedAt: Date): Promise<void> {
    await manager.update(RefundEntity, { number }, { status: 'confirmed', providerRefundId, confirmedAt, attempts: () => 'attempts + 1', lastError: null });
  }

  async recordFailure(manager: EntityManager, number: string, error: string, nextAttemptAt: Date): Promise<void> {
    await manager.update(RefundEntity, { number }, { attempts: () => 'attempts + 1', lastError: error, nextAttemptAt });
  }

  /** When the earliest pending refund is due, if any is pending. */
  async nextDueAt(manager: EntityManager): Promise<Date | undefined> {
    const next = await manager.findOne(RefundEntity, { where: { status: 'pending' }, order: { nextAttemptAt: 'ASC' }, select: { number: true, nextAttemptAt: true } });
    return next?.nextAttemptAt;
  }
}
