import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { UnitOfWork } from '@rental/persistence';
import type { EntityManager } from 'typeorm';
import { ApiKeyEntity, CustomerEntity } from '../../infrastructure/entities';
import { issueApiKey } from '../common/api-key-secrets';

export interface IssuedKey {
  customer: CustomerEntity;
  key: ApiKeyEntity;
  /** The only time the key exists in clear. */
  secret: string;
}

/** Stores a new key for the customer, in the caller's transaction; only its hash and prefix are kept. */
export async function addApiKey(manager: EntityManager, customerId: string, now: Date, expiresAt: Date | null = null): Promise<{ key: ApiKeyEntity; secret: string }> {
  const issued = issueApiKey();
  const key: ApiKeyEntity = { id: randomUUID(), customerId, keyHash: issued.hash, keyPrefix: issued.prefix, createdAt: now, revokedAt: null, expiresAt };
  await manager.insert(ApiKeyEntity, key);
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
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Null for a customer the gateway does not know (not registered by the CRM yet, or never). */
  issue(customerId: string, expiresAt: Date | null = null): Promise<IssuedKey | null> {
    return this.unitOfWork.run(async (manager) => {
      const customer = await manager.getRepository(CustomerEntity).findOneBy({ id: customerId });
      if (!customer) return null;
      const { key, secret } = await addApiKey(manager, customer.id, this.clock.now(), expiresAt);
      return { customer, key, secret };
    });
  }
}
