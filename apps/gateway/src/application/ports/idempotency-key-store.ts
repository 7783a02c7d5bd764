import type { Transaction } from '@rental/persistence';

/** A request made under a customer's Idempotency-Key, with the hash of what it asks. */
export interface KeyedRequest {
  customerId: string;
  key: string;
  requestHash: string;
}

/** What a key remembers: the order its request placed or acted on, and the id chosen for a cancel or extend request. */
export interface StoredRequest {
  requestHash: string;
  orderId: string;
  requestId: string | null;
}

/** The Idempotency-Keys of the customers' order requests, each bound to the request and the order it placed. */
export abstract class IdempotencyKeyStore {
  abstract find(customerId: string, key: string): Promise<StoredRequest | null>;
  /** Stores the key unless it exists (false then); a concurrent claim of the same key waits for ours and then finds it. */
  abstract claim(tx: Transaction, request: KeyedRequest, ids: { orderId: string; requestId: string | null }, at: Date): Promise<boolean>;
}
