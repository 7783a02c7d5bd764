import { Injectable } from '@nestjs/common';
import { type EntityManager, LessThanOrEqual } from 'typeorm';
import { type ProviderRefund, RefundStore } from '../../application/ports/refund-store';
import { RefundEntity } from './refund.entity';

/** Refunds waiting for the payment provider, and what came of each call. */
@Injectable()
export class RefundRepository implements RefundStore {
  async claimDue(manager: EntityManager, now: Date): Promise<ProviderRefund | null> {
    const refund = await manager.findOne(RefundEntity, {
      where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
      order: { nextAttemptAt: 'ASC', number: 'ASC' },
      lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' },
    });
    if (refund === null) return null;
    const { paymentId } = refund;
    // The table's refunds_route check keeps every pending refund on a provider's payment.
    if (paymentId === null) throw new Error(`pending refund ${refund.number} names no payment of the provider`);
    return { ...refund, paymentId };
  }

  async confirm(manager: EntityManager, number: string, providerRefundId: string, confirmedAt: Date): Promise<void> {
    await manager.update(RefundEntity, { number }, { status: 'confirmed', providerRefundId, confirmedAt, attempts: () => 'attempts + 1', lastError: null });
  }

  async recordFailure(manager: EntityManager, number: string, error: string, nextAttemptAt: Date): Promise<void> {
    await manager.update(RefundEntity, { number }, { attempts: () => 'attempts + 1', lastError: error, nextAttemptAt });
  }

  async nextDueAt(manager: EntityManager): Promise<Date | undefined> {
    const next = await manager.findOne(RefundEntity, {
      where: { status: 'pending' },
      order: { nextAttemptAt: 'ASC' },
      select: { number: true, nextAttemptAt: true },
    });
    return next?.nextAttemptAt;
  }
}
