import { Injectable } from '@nestjs/common';
import type { PayloadOf, quoteCreatedV1 } from '@rental/contracts';
import type { EntityManager } from 'typeorm';
import { type QuoteRecord, QuoteStore } from '../application/ports/quote-store';

interface QuoteRow {
  id: string;
  customer_id: string;
  plan_code: string;
  location_code: string;
  image_code: string;
  quantity: number;
  period_start: Date;
  period_end: Date;
  billable_days: number;
  resources: QuoteRecord['resources'];
  price: QuoteRecord['price'];
  valid_until: Date;
  ordered_by: string | null;
}

/** Quotes as issued: the price is frozen in them, so later catalogue changes never touch a quote. */
@Injectable()
export class QuoteRepository implements QuoteStore {
  async exists(manager: EntityManager, quoteId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM quotes WHERE id = $1`, [quoteId]);
    return rows.length > 0;
  }

  async insert(manager: EntityManager, quote: PayloadOf<typeof quoteCreatedV1>, createdAt: Date): Promise<void> {
    await manager.query(
      `INSERT INTO quotes (id, customer_id, plan_code, location_code, image_code, quantity, period_start, period_end,
                           billable_days, resources, price, valid_until, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        quote.quoteId,
        quote.customerId,
        quote.planCode,
        quote.locationCode,
        quote.imageCode,
        quote.price.quantity,
        quote.period.start,
        quote.period.end,
        quote.billableDays,
        quote.resources,
        quote.price,
        quote.validUntil,
        createdAt,
      ],
    );
  }

  async find(manager: EntityManager, quoteId: string): Promise<QuoteRecord | undefined> {
    return this.toRecord((await manager.query(`SELECT * FROM quotes WHERE id = $1`, [quoteId]))[0]);
  }

  /** Locks the quote, so that two orders racing for it are decided one after the other. */
  async findForOrdering(manager: EntityManager, quoteId: string): Promise<QuoteRecord | undefined> {
    return this.toRecord((await manager.query(`SELECT * FROM quotes WHERE id = $1 FOR UPDATE`, [quoteId]))[0]);
  }

  private toRecord(row: QuoteRow | undefined): QuoteRecord | undefined {
    if (!row) return undefined;
    return {
      quoteId: row.id,
      customerId: row.customer_id,
      planCode: row.plan_code,
      locationCode: row.location_code,
      imageCode: row.image_code,
      resources: row.resources,
      period: { start: row.period_start.toISOString(), end: row.period_end.toISOString() },
      billableDays: row.billable_days,
      price: row.price,
      validUntil: row.valid_until.toISOString(),
      orderedBy: row.ordered_by,
    };
  }

  async markOrdered(manager: EntityManager, quoteId: string, orderId: string): Promise<void> {
    await manager.query(`UPDATE quotes SET ordered_by = $2 WHERE id = $1`, [quoteId, orderId]);
  }
}
