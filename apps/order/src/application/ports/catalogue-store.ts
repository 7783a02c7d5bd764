import type { Transaction } from '@rental/persistence';
import type { Catalogue } from '../../domain/catalogue';

/**
 * The catalogue the order service owns, what quotes and extensions are priced from, and the
 * revisions of it already published to the other services. Every call runs in the caller's
 * transaction.
 */
export abstract class CatalogueStore {
  /** The active plans, locations and images, and which images each location offers. */
  abstract load(tx: Transaction): Promise<Catalogue>;

  abstract lastPublishedRevision(tx: Transaction): Promise<string | undefined>;

  /** Publishing the same revision again moves its date, so the last published stays the latest. */
  abstract recordPublication(tx: Transaction, revision: string, at: Date): Promise<void>;
}
