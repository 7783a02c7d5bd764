import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type Transaction, UnitOfWork } from '@rental/persistence';
import { issueApiKey } from '../common/api-key-secrets';
import { type ApiKey, ApiKeyStore } from '../ports/api-key-store';
import { type Customer, CustomerStore } from '../ports/customer-store';

export interface IssuedKey {
  customer: Customer;
  key: ApiKey;
  /** The only time the key exists in clear. */
  secret: string;
}

/** Stores a new key for the customer, in the caller's transaction; only its hash and prefix are kept. */
export async function addApiKey(
  keys: ApiKeyStore,
  tx: Transaction,
  customerId: string,
  now: Date,
  expiresAt: Date | null = null,
): Promise<{ key: ApiKey; secret: string }> {
  const issued = issueApiKey();
  const key: ApiKey = { id: randomUUID(), customerId, keyHash: issued.hash, keyPrefix: issued.prefix, createdAt: now, revokedAt: null, expiresAt };
  await keys.add(tx, key);
  return { key, secret: issued.secret };
}

/**
 * A new key for a customer the gateway knows, for the customer itself or an operator: one the CRM
 * registered (which has none yet), or any other that needs another. Keys issued before stay valid,
 * so a customer can move to the new one without a gap.
 */
@Injectable()
export class IssueApiKeyHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly customers: CustomerStore,
    private readonly keys: ApiKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Null for a customer the gateway does not know (not registered by the CRM yet, or never). */
  issue(customerId: string, expiresAt: Date | null = null): Promise<IssuedKey | null> {
    return this.unitOfWork.run(async (tx) => {
      const customer = await this.customers.find(customerId, tx);
      if (!customer) return null;
      const { key, secret } = await addApiKey(this.keys, tx, customer.id, this.clock.now(), expiresAt);
      return { customer, key, secret };
    });
  }
}
