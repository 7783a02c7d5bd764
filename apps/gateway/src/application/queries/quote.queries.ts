import { Inject, Injectable } from '@nestjs/common';
import { type CatalogueRecord, QUOTE_READ_MODEL, type QuoteReadModel, type QuoteRecord } from '../ports/quote-read-model';

/** Reads of what the order service published: the catalogue and the customer's quotes. */
@Injectable()
export class QuoteQueries {
  constructor(@Inject(QUOTE_READ_MODEL) private readonly quotes: QuoteReadModel) {}

  catalogue(): Promise<CatalogueRecord | null> {
    return this.quotes.catalogue();
  }

  /** A priced quote of this customer; refused quotes and other customers' quotes are not found. */
  quote(customerId: string, quoteId: string): Promise<QuoteRecord | null> {
    return this.quotes.findPriced(customerId, quoteId);
  }
}
