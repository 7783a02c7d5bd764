import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { DataSource } from 'typeorm';
import type { OrderFaults } from './simulated-datacentre-driver';

/** What is forced on an order: how many of its next attempts fail (0: none), and its step time (null: the driver's). */
export interface ForcedFaults {
  failAttempts: number | 'all';
  delayMs: number | null;
}

/**
 * The simulated datacentre's forced failures and step times per order, in the service's database:
 * they survive a restart, and whichever instance runs an order's job sees them. The count of
 * failing attempts is shared by the order's machines and taken in one statement, so two instances
 * never both take the last one.
 */
@Injectable()
export class SimulatedOrderFaults implements OrderFaults {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Replaces what is forced on the order. */
  async force(orderId: string, faults: ForcedFaults): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO simulated_order_faults (order_id, fail_attempts, fail_all, delay_ms, updated_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (order_id) DO UPDATE
         SET fail_attempts = EXCLUDED.fail_attempts, fail_all = EXCLUDED.fail_all, delay_ms = EXCLUDED.delay_ms,
             updated_at = EXCLUDED.updated_at`,
      [orderId, faults.failAttempts === 'all' ? 0 : faults.failAttempts, faults.failAttempts === 'all', faults.delayMs, this.clock.now()],
    );
  }

  async beginAttempt(orderId: string): Promise<{ fail: boolean; delayMs: number | null }> {
    const rows = (await this.dataSource.query(
      `WITH taken AS (
         UPDATE simulated_order_faults SET fail_attempts = fail_attempts - 1
          WHERE order_id = $1 AND fail_attempts > 0
          RETURNING order_id)
       SELECT f.fail_all OR EXISTS (SELECT 1 FROM taken) AS fail, f.delay_ms
         FROM simulated_order_faults f WHERE f.order_id = $1`,
      [orderId],
    )) as { fail: boolean; delay_ms: number | null }[];
    return rows[0] === undefined ? { fail: false, delayMs: null } : { fail: rows[0].fail, delayMs: rows[0].delay_ms };
  }

  async stepDelayMs(orderId: string): Promise<number | null> {
    const rows = (await this.dataSource.query(`SELECT delay_ms FROM simulated_order_faults WHERE order_id = $1`, [orderId])) as {
      delay_ms: number | null;
    }[];
    return rows[0]?.delay_ms ?? null;
  }
}
