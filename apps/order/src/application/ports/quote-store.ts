import type { PayloadOf, quoteCreatedV1 } from '@rental/contracts';
import type { Transaction } from '@rental/persistence';

/** A quote as issued, and the order that took it up, if one did. */
export type QuoteRecord = PayloadOf<typeof quoteCreatedV1> & { orderedBy: string | null };

/**
 * Quotes as issued: the price is frozen in them, so later catalogue changes never touch a quote.
 * Every call runs in the caller's transaction.
 */
export abstract class QuoteStore {
  abstract exists(tx: Transaction, quoteId: string): Promise<boolean>;

  abstract insert(tx: Transaction, quote: PayloadOf<typeof quoteCreatedV1>, createdAt: Date): Promise<void>;

  abstract find(tx: Transaction, quoteId: string): Promise<QuoteRecord | undefined>;

  /** Locks the quote, so that two orders racing for it are decided one after the other. */
  abstract findForOrdering(tx: Transaction, quoteId: string): Promise<QuoteRecord | undefined>;

  abstract markOrdered(tx: Transaction, quoteId: string, orderId: string): Promise<void>;
}
