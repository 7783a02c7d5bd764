import { Injectable } from '@nestjs/common';
import { type CatalogueRecord, QuoteReadModel, type QuoteRecord } from '../ports/quote-read-model';

/** Reads of what the order service published: the catalogue and the customer's quotes. */
@Injectable()
export class QuoteQueries {
  constructor(private readonly quotes: QuoteReadModel) {}

  catalogue(): Promise<CatalogueRecord | null> {
    return this.quotes.catalogue();
  }

  /** A priced quote of this customer; refused quotes and other customers' quotes are not found. */
  quote(customerId: string, quoteId: string): Promise<QuoteRecord | null> {
    return this.quotes.findPriced(customerId, quoteId);
  }
}
