import type { CatalogueRecord, QuoteRecord } from '../../application/ports/quote-read-model';
import type { CatalogueView } from '../dto/catalogue.view';
import type { QuoteView } from '../dto/quote.view';
import { iso } from './iso';

/** Only priced quotes are presented; `now` decides whether it can still be ordered. */
export function presentQuote(quote: QuoteRecord, now: Date): QuoteView {
  return {
    id: quote.quoteId,
    status: quote.validUntil! > now ? 'valid' : 'expired',
    planCode: quote.planCode!,
    resources: quote.resources!,
    locationCode: quote.locationCode!,
    imageCode: quote.imageCode!,
    quantity: quote.price!.quantity,
    period: { start: iso(quote.periodStart!), end: iso(quote.periodEnd!) },
    billableDays: quote.billableDays!,
    price: quote.price!,
    validUntil: iso(quote.validUntil!),
  };
}

export function presentCatalogue(catalogue: CatalogueRecord): CatalogueView {
  const { revision, currency, plans, locations, images, publishedAt } = catalogue.document;
  return { revision, currency, plans, locations, images, publishedAt };
}
