import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type PlacedRentalRequest, RentalRequestStore } from '../application/ports/rental-request-store';

/**
 * The rentals the CRM requested, by requestId: the first one read claims the id, and its order
 * once placed, so the same requestId again (a new event id, another partition) finds it taken.
 */
@Injectable()
export class RentalRequestRepository implements RentalRequestStore {
  /**
   * False when the requestId was read before. A second reader of the same id waits on the key
   * until the first one's transaction ends, then finds it taken.
   */
  async claim(manager: EntityManager, requestId: string, customerId: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO rental_requests (request_id, customer_id, status, received_at) VALUES ($1, $2, 'received', $3)
       ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
      [requestId, customerId, at],
    );
    return rows.length > 0;
  }

  async isKnown(manager: EntityManager, requestId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM rental_requests WHERE request_id = $1`, [requestId]);
    return rows.length > 0;
  }

  async recordPlaced(manager: EntityManager, requestId: string, quoteId: string, orderId: string, discountPercent: number): Promise<void> {
    await manager.query(`UPDATE rental_requests SET status = 'placed', quote_id = $2, order_id = $3, discount_percent = $4 WHERE request_id = $1`, [
      requestId,
      quoteId,
      orderId,
      discountPercent,
    ]);
  }

  async recordRejected(manager: EntityManager, requestId: string, reason: string, at: Date): Promise<void> {
    await manager.query(`UPDATE rental_requests SET status = 'rejected', reason = $2, answered_at = $3 WHERE request_id = $1`, [requestId, reason, at]);
  }

  /** The request behind an order that waited for capacity, now accepted; undefined for an order placed any other way. */
  acceptFor(manager: EntityManager, orderId: string, at: Date): Promise<PlacedRentalRequest | undefined> {
    return this.answerFor(manager, orderId, 'accepted', null, at);
  }

  /** The request behind an order that found no capacity, now rejected; undefined for an order placed any other way. */
  rejectFor(manager: EntityManager, orderId: string, reason: string, at: Date): Promise<PlacedRentalRequest | undefined> {
    return this.answerFor(manager, orderId, 'rejected', reason, at);
  }

  // Only a request still waiting is answered: one answer per request, whatever arrives twice.
  private async answerFor(
    manager: EntityManager,
    orderId: string,
    status: 'accepted' | 'rejected',
    reason: string | null,
    at: Date,
  ): Promise<PlacedRentalRequest | undefined> {
    // An UPDATE answers with its rows and their count.
    const [rows] = (await manager.query(
      `UPDATE rental_requests SET status = $2, reason = $3, answered_at = $4
        WHERE order_id = $1 AND status = 'placed'
        RETURNING request_id, customer_id, discount_percent`,
      [orderId, status, reason, at],
    )) as [{ request_id: string; customer_id: string; discount_percent: string }[], number];
    const row = rows[0];
    return row && { requestId: row.request_id, customerId: row.customer_id, discountPercent: Number(row.discount_percent) };
  }
}
