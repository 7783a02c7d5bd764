import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type ExtensionStatus, ExtensionStore, type StoredExtension } from '../application/ports/extension-store';

interface ExtensionRow {
  extension_id: string;
  order_id: string;
  period_start: Date;
  period_end: Date;
  total_cents: string;
  status: ExtensionStatus;
}

/** Extensions of rentals: priced and invoiced, applied once paid, lapsed when the rental ended first. */
@Injectable()
export class ExtensionRepository implements ExtensionStore {
  async find(manager: EntityManager, extensionId: string): Promise<StoredExtension | undefined> {
    const rows: ExtensionRow[] = await manager.query(`SELECT * FROM order_extensions WHERE extension_id = $1`, [extensionId]);
    return rows[0] === undefined ? undefined : toExtension(rows[0]);
  }

  async hasPending(manager: EntityManager, orderId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM order_extensions WHERE order_id = $1 AND status = 'awaiting_payment'`, [orderId]);
    return rows.length > 0;
  }

  async insert(manager: EntityManager, extension: Omit<StoredExtension, 'status'> & { currency: string }, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO order_extensions (extension_id, order_id, period_start, period_end, total_cents, currency, status, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'awaiting_payment', $7)`,
      [extension.extensionId, extension.orderId, extension.period.start, extension.period.end, extension.totalCents, extension.currency, at],
    );
  }

  async settle(manager: EntityManager, extensionId: string, status: 'applied' | 'lapsed', at: Date, invoiceNumber?: string): Promise<void> {
    await manager.query(`UPDATE order_extensions SET status = $2, settled_at = $3, invoice_number = COALESCE($4, invoice_number) WHERE extension_id = $1`, [
      extensionId,
      status,
      at,
      invoiceNumber ?? null,
    ]);
  }

  /** Ends the wait of every extension still unpaid when the rental ends; returns the ids that were applied. */
  async closeForOrder(manager: EntityManager, orderId: string, at: Date): Promise<string[]> {
    await manager.query(`UPDATE order_extensions SET status = 'lapsed', settled_at = $2 WHERE order_id = $1 AND status = 'awaiting_payment'`, [orderId, at]);
    const applied: { extension_id: string }[] = await manager.query(
      `SELECT extension_id FROM order_extensions WHERE order_id = $1 AND status = 'applied' ORDER BY settled_at`,
      [orderId],
    );
    return applied.map((row) => row.extension_id);
  }
}

function toExtension(row: ExtensionRow): StoredExtension {
  return {
    extensionId: row.extension_id,
    orderId: row.order_id,
    period: { start: new Date(row.period_start), end: new Date(row.period_end) },
    totalCents: Number(row.total_cents),
    status: row.status,
  };
}
