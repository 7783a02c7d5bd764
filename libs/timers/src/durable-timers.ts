import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type TimerPayload = Record<string, unknown>;

export interface ScheduleTimer<P extends TimerPayload = TimerPayload> {
  /** What the timer is for, e.g. "order.payment-window"; the @OnTimer handler of that kind fires it. */
  kind: string;
  /** Which one, e.g. the order id: one armed timer per (kind, key). */
  key: string;
  dueAt: Date;
  payload: P;
  /** Carried into the events its handler publishes, so they correlate with the request that armed it. */
  correlationId?: string;
}

export interface ArmedTimer<P extends TimerPayload = TimerPayload> {
  readonly id: string;
  readonly kind: string;
  readonly key: string;
  readonly dueAt: Date;
  readonly payload: P;
  readonly correlationId: string | null;
  readonly attempts: number;
  readonly firedAt: Date | null;
}

interface TimerRow {
  id: string;
  kind: string;
  key: string;
  due_at: Date;
  payload: TimerPayload;
  correlation_id: string | null;
  attempts: number;
  fired_at: Date | null;
}

/**
 * Timers kept in the service's own database, armed and disarmed inside the caller's transaction:
 * a timer exists exactly when the state change that needs it committed. The TimerRunner fires them.
 */
@Injectable()
export class DurableTimers {
  /** Arms the timer, or moves it (and arms it again if it already fired) when it exists. */
  async schedule(manager: EntityManager, timer: ScheduleTimer): Promise<void> {
    await manager.query(
      `INSERT INTO durable_timer (id, kind, key, due_at, payload, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (kind, key) DO UPDATE
         SET due_at = EXCLUDED.due_at, payload = EXCLUDED.payload, correlation_id = EXCLUDED.correlation_id,
             fired_at = NULL, attempts = 0, last_error = NULL`,
      [randomUUID(), timer.kind, timer.key, timer.dueAt, JSON.stringify(timer.payload), timer.correlationId ?? null],
    );
  }

  /** Disarms the timer if it has not fired; a timer that is not there is already disarmed. */
  async cancel(manager: EntityManager, kind: string, key: string): Promise<void> {
    await manager.query(`DELETE FROM durable_timer WHERE kind = $1 AND key = $2 AND fired_at IS NULL`, [kind, key]);
  }

  async find(manager: EntityManager, kind: string, key: string): Promise<ArmedTimer | undefined> {
    const rows: TimerRow[] = await manager.query(`SELECT * FROM durable_timer WHERE kind = $1 AND key = $2`, [kind, key]);
    return rows[0] === undefined ? undefined : toArmedTimer(rows[0]);
  }
}

export function toArmedTimer(row: TimerRow): ArmedTimer {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    dueAt: new Date(row.due_at),
    payload: row.payload,
    correlationId: row.correlation_id,
    attempts: row.attempts,
    firedAt: row.fired_at === null ? null : new Date(row.fired_at),
  };
}

export type { TimerRow };
