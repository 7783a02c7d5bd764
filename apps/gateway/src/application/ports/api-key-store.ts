import type { Transaction } from '@rental/persistence';

/** A customer's API key, kept only as its SHA-256; the prefix lets a person tell keys apart. */
export interface ApiKey {
  id: string;
  customerId: string;
  keyHash: string;
  keyPrefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** When the key stops working by itself; null: it works until revoked. */
  expiresAt: Date | null;
}

/**
 * The customers' API keys, kept as hashes only. Reads for authentication run outside a transaction;
 * every change runs in the caller's transaction, under the customer's key lock.
 */
export abstract class ApiKeyStore {
  abstract findByHash(keyHash: string): Promise<ApiKey | null>;
  /** The customer's keys, the oldest first. */
  abstract listOf(tx: Transaction, customerId: string): Promise<ApiKey[]>;
  /** The customer's keys, locked until the transaction ends: one change to them at a time. */
  abstract lockAllOf(tx: Transaction, customerId: string): Promise<ApiKey[]>;
  abstract add(tx: Transaction, key: ApiKey): Promise<void>;
  abstract revoke(tx: Transaction, keyId: string, at: Date): Promise<void>;
}
