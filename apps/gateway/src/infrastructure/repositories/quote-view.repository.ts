import { Injectable } from '@nestjs/common';
import { CATALOGUE_KEY, type PayloadOf, type quoteCreatedV1, type quoteRejectedV1 } from '@rental/contracts';
import type { Transaction } from '@rental/persistence';
import { DataSource } from 'typeorm';
import type { CatalogueDocument, CatalogueRecord, QuoteReadModel, QuoteRecord } from '../../application/ports/quote-read-model';
import { CatalogueViewEntity, QuoteViewEntity } from '../entities';

@Injectable()
export class QuoteViewRepository implements QuoteReadModel {
  constructor(private readonly dataSource: DataSource) {}

  catalogue(): Promise<CatalogueRecord | null> {
    return this.dataSource.getRepository(CatalogueViewEntity).findOneBy({ id: CATALOGUE_KEY });
  }

  find(customerId: string, quoteId: string): Promise<QuoteRecord | null> {
    return this.dataSource.getRepository(QuoteViewEntity).findOneBy({ quoteId, customerId });
  }

  findPriced(customerId: string, quoteId: string): Promise<QuoteRecord | null> {
    return this.dataSource.getRepository(QuoteViewEntity).findOneBy({ quoteId, customerId, status: 'created' });
  }

  async recordCatalogue(tx: Transaction, catalogue: CatalogueDocument): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_catalogue (id, revision, published_at, document) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET revision = EXCLUDED.revision, published_at = EXCLUDED.published_at, document = EXCLUDED.document
       WHERE gateway_catalogue.published_at <= EXCLUDED.published_at`,
      [CATALOGUE_KEY, catalogue.revision, catalogue.publishedAt, JSON.stringify(catalogue)],
    );
  }

  async recordCreated(tx: Transaction, q: PayloadOf<typeof quoteCreatedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_quotes (quote_id, customer_id, status, plan_code, resources, location_code, image_code,
                                   period_start, period_end, billable_days, price, valid_until)
       VALUES ($1, $2, 'created', $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (quote_id) DO NOTHING`,
      [
        q.quoteId,
        q.customerId,
        q.planCode,
        JSON.stringify(q.resources),
        q.locationCode,
        q.imageCode,
        q.period.start,
        q.period.end,
        q.billableDays,
        JSON.stringify(q.price),
        q.validUntil,
      ],
    );
  }

  async recordRejected(tx: Transaction, q: PayloadOf<typeof quoteRejectedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_quotes (quote_id, customer_id, status, rejection_reason, rejection_detail)
       VALUES ($1, $2, 'rejected', $3, $4) ON CONFLICT (quote_id) DO NOTHING`,
      [q.quoteId, q.customerId, q.reason, q.detail],
    );
  }
}
