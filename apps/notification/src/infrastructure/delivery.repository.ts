import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DeliveryStore, type StoredDelivery } from '../application/ports/delivery-store';
import type { DeliveryAttempt, DeliveryState } from '../domain/delivery';
import type { RenderedMessage } from '../domain/templates/template';
import { DeliveryEntity, type StoredAttempt } from './delivery.entity';

/** The channel the notification_delivery insert trigger notifies at commit. */
export const DELIVERY_CHANNEL = 'notification_delivery';

/** The delivery log (DeliveryStore) in PostgreSQL. */
@Injectable()
export class DeliveryRepository implements DeliveryStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new delivery; false when one for the same causing event exists already (a duplicate event). */
  async addIfNew(manager: EntityManager, delivery: StoredDelivery & { content: RenderedMessage }): Promise<boolean> {
    const { state, content } = delivery;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO notification_delivery
         (id, causing_event_id, correlation_id, order_id, kind, recipient, language, subject, status,
          attempts, attempt_log, next_attempt_at, last_error, content_text, content_html, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT (causing_event_id) DO NOTHING
       RETURNING id`,
      [
        state.id,
        state.causingEventId,
        delivery.correlationId,
        delivery.orderId,
        state.kind,
        state.recipient,
        delivery.language,
        content.subject,
        state.status,
        state.attempts.length,
        JSON.stringify(state.attempts.map(storeAttempt)),
        state.nextAttemptAt,
        lastError(state.attempts),
        content.text,
        content.html,
        state.createdAt,
      ],
    );
    return inserted.length > 0;
  }

  /**
   * The earliest due pending delivery, locked for this transaction. SKIP LOCKED: a delivery another
   * worker (this instance's other lanes, or another instance) is sending is passed over, not waited
   * for, so each mail is in exactly one sender's hands at a time.
   */
  async claimDue(manager: EntityManager, now: Date): Promise<StoredDelivery | null> {
    const row = await manager
      .getRepository(DeliveryEntity)
      .createQueryBuilder('d')
      .where(`d.status = 'pending'`)
      .andWhere('d.next_attempt_at <= :now', { now })
      .orderBy('d.next_attempt_at', 'ASC')
      .limit(1)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
    return row ? toStored(row) : null;
  }

  /** Writes the outcome of an attempt. A settled delivery loses its content: see DeliveryEntity.contentText. */
  async saveOutcome(manager: EntityManager, state: DeliveryState, settledAt: Date | null): Promise<void> {
    const settled = state.status !== 'pending';
    await manager.getRepository(DeliveryEntity).update(
      { id: state.id },
      {
        status: state.status,
        attempts: state.attempts.length,
        attemptLog: state.attempts.map(storeAttempt),
        nextAttemptAt: state.nextAttemptAt,
        lastError: lastError(state.attempts),
        settledAt,
        ...(settled ? { contentText: null, contentHtml: null } : {}),
      },
    );
  }

  /** When the next pending delivery falls due, so the worker can wake then instead of polling for it. */
  async nextDueAt(): Promise<Date | null> {
    const [row] = await this.dataSource.query(`SELECT min(next_attempt_at) AS due FROM notification_delivery WHERE status = 'pending'`);
    return row?.due ? new Date(row.due) : null;
  }
}

function storeAttempt(attempt: DeliveryAttempt): StoredAttempt {
  return attempt.outcome === 'sent'
    ? { at: attempt.at.toISOString(), outcome: 'sent' }
    : { at: attempt.at.toISOString(), outcome: 'failed', error: attempt.error };
}

function restoreAttempt(stored: StoredAttempt): DeliveryAttempt {
  const at = new Date(stored.at);
  return stored.outcome === 'sent' ? { at, outcome: 'sent' } : { at, outcome: 'failed', error: stored.error ?? 'unknown error' };
}

function lastError(attempts: readonly DeliveryAttempt[]): string | null {
  const last = attempts.at(-1);
  return last?.outcome === 'failed' ? last.error : null;
}

function toStored(row: DeliveryEntity): StoredDelivery {
  return {
    state: {
      id: row.id,
      causingEventId: row.causingEventId,
      kind: row.kind,
      recipient: row.recipient,
      status: row.status,
      createdAt: row.createdAt,
      attempts: row.attemptLog.map(restoreAttempt),
      nextAttemptAt: row.nextAttemptAt,
    },
    orderId: row.orderId,
    correlationId: row.correlationId,
    language: row.language,
    content: row.contentText === null || row.contentHtml === null ? null : { subject: row.subject, text: row.contentText, html: row.contentHtml },
  };
}
