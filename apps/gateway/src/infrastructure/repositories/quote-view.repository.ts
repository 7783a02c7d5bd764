import { Injectable } from '@nestjs/common';
import { CATALOGUE_KEY } from '@rental/contracts';
import { DataSource } from 'typeorm';
import type { CatalogueRecord, QuoteReadModel, QuoteRecord } from '../../application/ports/quote-read-model';
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
}
