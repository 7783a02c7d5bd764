import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogueViewEntity, QuoteViewEntity } from '../../infrastructure/entities';
import { CATALOGUE_KEY } from '@rental/contracts';

/** Reads of what the order service published: the catalogue and the customer's quotes. */
@Injectable()
export class QuoteQueries {
  constructor(private readonly dataSource: DataSource) {}

  catalogue(): Promise<CatalogueViewEntity | null> {
    return this.dataSource.getRepository(CatalogueViewEntity).findOneBy({ id: CATALOGUE_KEY });
  }

  /** A priced quote of this customer; refused quotes and other customers' quotes are not found. */
  quote(customerId: string, quoteId: string): Promise<QuoteViewEntity | null> {
    return this.dataSource.getRepository(QuoteViewEntity).findOneBy({ quoteId, customerId, status: 'created' });
  }
}
