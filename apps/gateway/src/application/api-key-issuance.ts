import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { UnitOfWork } from '@rental/persistence';
import type { EntityManager } from 'typeorm';
import { issueApiKey } from '../infrastructure/api-key-secrets';
import { ApiKeyEntity, CustomerEntity } from '../infrastructure/entities';

export interface IssuedKey {
  customer: CustomerEntity;
  /** The only time the key exists in clear. */
  apiKey: string;
  keyPrefix: string;
  createdAt: Date;
}

/** Stores a new key for the customer, in the caller's transaction; only its hash and prefix are kept. */
export async function addApiKey(manager: EntityManager, customerId: string, now: Date): Promise<{ secret: string; prefix: string }> {
  const key = issueApiKey();
  await manager.insert(ApiKeyEntity, { id: randomUUID(), customerId, keyHash: key.hash, keyPrefix: key.prefix, createdAt: now, revokedAt: null });
  return { secret: key.secret, prefix: key.prefix };
}

/**
 * An API key for a customer the gateway knows already: one the CRM registered (which has none yet),
 * or any other that needs another. Keys issued before stay valid, so a customer can move to the new
 * one without a gap.
 */
@Injectable()
export class ApiKeyIssuance {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Null for a customer the gateway does not know (not registered by the CRM yet, or never). */
  issue(customerId: string): Promise<IssuedKey | null> {
    return this.unitOfWork.run(async (manager) => {
      const customer = await manager.getRepository(CustomerEntity).findOneBy({ id: customerId });
      if (!customer) return null;
      const now = this.clock.now();
      const key = await addApiKey(manager, customer.id, now);
      return { customer, apiKey: key.secret, keyPrefix: key.prefix, createdAt: now };
    });
  }
}
