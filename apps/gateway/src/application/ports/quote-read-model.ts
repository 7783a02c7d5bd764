import type { cataloguePublishedV1, PayloadOf, quoteCreatedV1, quoteRejectedV1 } from '@rental/contracts';
import type { Transaction } from '@rental/persistence';

type Created = PayloadOf<typeof quoteCreatedV1>;

export type CatalogueDocument = PayloadOf<typeof cataloguePublishedV1>;

/** The latest catalogue the order service published. */
export interface CatalogueRecord {
  revision: string;
  publishedAt: Date;
  document: CatalogueDocument;
}

/** A quote as the order service answered it: priced (created) or refused (rejected). */
export interface QuoteRecord {
  quoteId: string;
  customerId: string;
  status: 'created' | 'rejected';
  planCode: string | null;
  resources: Created['resources'] | null;
  locationCode: string | null;
  imageCode: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  billableDays: number | null;
  price: Created['price'] | null;
  validUntil: Date | null;
  rejectionReason: PayloadOf<typeof quoteRejectedV1>['reason'] | null;
  rejectionDetail: string | null;
  recordedAt: Date;
}

/**
 * The catalogue and the customers' quotes as the order service published them, recorded in the
 * projection's transaction and read by the API.
 */
export abstract class QuoteReadModel {
  abstract catalogue(): Promise<CatalogueRecord | null>;
  /** The customer's quote as answered, priced or refused; another customer's is not found. */
  abstract find(customerId: string, quoteId: string): Promise<QuoteRecord | null>;
  /** A priced quote of the customer's; refused quotes and other customers' quotes are not found. */
  abstract findPriced(customerId: string, quoteId: string): Promise<QuoteRecord | null>;

  /** Keeps the latest catalogue: an older one arriving late (a redelivery, a replay) never replaces a newer one. */
  abstract recordCatalogue(tx: Transaction, catalogue: CatalogueDocument): Promise<void>;
  /** A quote never changes once answered: a redelivered answer changes nothing. */
  abstract recordCreated(tx: Transaction, quote: PayloadOf<typeof quoteCreatedV1>): Promise<void>;
  abstract recordRejected(tx: Transaction, quote: PayloadOf<typeof quoteRejectedV1>): Promise<void>;
}
