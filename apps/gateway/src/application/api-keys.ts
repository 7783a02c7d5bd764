import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { UnitOfWork } from '@rental/persistence';
import type { EntityManager } from 'typeorm';
import { apiKeyStatus, type ApiKeyStatus } from '../domain/api-key-status';
import { issueApiKey } from '../infrastructure/api-key-secrets';
import { ApiKeyEntity, CustomerEntity } from '../infrastructure/entities';

export interface IssuedKey {
  customer: CustomerEntity;
  key: ApiKeyEntity;
  /** The only time the key exists in clear. */
  secret: string;
}

export type Revocation =
  | { kind: 'revoked'; key: ApiKeyEntity }
  | { kind: 'not_found' }
  /** It is the customer's only active key: revoking it would lock them out. */
  | { kind: 'last_key' };

export type Rotation = { kind: 'rotated'; issued: IssuedKey; revoked: ApiKeyEntity } | { kind: 'not_found' } | { kind: 'not_active'; status: ApiKeyStatus };

/** Stores a new key for the customer, in the caller's transaction; only its hash and prefix are kept. */
export async function addApiKey(manager: EntityManager, customerId: string, now: Date, expiresAt: Date | null = null): Promise<{ key: ApiKeyEntity; secret: string }> {
  const issued = issueApiKey();
  const key: ApiKeyEntity = { id: randomUUID(), customerId, keyHash: issued.hash, keyPrefix: issued.prefix, createdAt: now, revokedAt: null, expiresAt };
  await manager.insert(ApiKeyEntity, key);
  return { key, secret: issued.secret };
}

/**
 * A customer's API keys, for the customer itself and for operators: list, issue (optionally
 * expiring), revoke and rotate. A revoked key is refused from the next request on: authentication
 * reads the key's row every time, nothing is cached. Each change locks the customer's keys, so two
 * revocations at once cannot both pass the last-key check.
 */
@Injectable()
export class ApiKeys {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Null for a customer the gateway does not know. */
  list(customerId: string): Promise<ApiKeyEntity[] | null> {
    return this.unitOfWork.run(async (manager) => {
      if (!(await manager.existsBy(CustomerEntity, { id: customerId }))) return null;
      return manager.find(ApiKeyEntity, { where: { customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
    });
  }

  /**
   * A new key for a customer the gateway knows: one the CRM registered (which has none yet), or any
   * other that needs another. Keys issued before stay valid, so a customer can move to the new one
   * without a gap. Null for a customer the gateway does not know (not registered by the CRM yet, or never).
   */
  issue(customerId: string, expiresAt: Date | null = null): Promise<IssuedKey | null> {
    return this.unitOfWork.run(async (manager) => {
      const customer = await manager.getRepository(CustomerEntity).findOneBy({ id: customerId });
      if (!customer) return null;
      const { key, secret } = await addApiKey(manager, customer.id, this.clock.now(), expiresAt);
      return { customer, key, secret };
    });
  }

  /**
   * Revokes one of the customer's keys; revoking a revoked key again answers it as it is.
   * `keepOneActive`: refuse to revoke the customer's only active key (a customer revoking its own).
   */
  revoke(customerId: string, keyId: string, keepOneActive: boolean): Promise<Revocation> {
    return this.unitOfWork.run(async (manager) => {
      const now = this.clock.now();
      const keys = await this.lockKeys(manager, customerId);
      const key = keys.find((k) => k.id === keyId);
      if (!key) return { kind: 'not_found' };
      if (key.revokedAt !== null) return { kind: 'revoked', key };
      const othersActive = keys.some((k) => k.id !== keyId && apiKeyStatus(k, now) === 'active');
      if (keepOneActive && apiKeyStatus(key, now) === 'active' && !othersActive) return { kind: 'last_key' };
      await manager.update(ApiKeyEntity, { id: key.id }, { revokedAt: now });
      return { kind: 'revoked', key: { ...key, revokedAt: now } };
    });
  }

  /**
   * A new secret in place of an active key: the old one is revoked at once (a key is rotated because
   * it may have leaked; a customer that needs both for a while creates a second key, then revokes
   * the first). The new key expires when the old one would have.
   */
  rotate(customerId: string, keyId: string): Promise<Rotation> {
    return this.unitOfWork.run(async (manager) => {
      const now = this.clock.now();
      const keys = await this.lockKeys(manager, customerId);
      const old = keys.find((k) => k.id === keyId);
      if (!old) return { kind: 'not_found' };
      const status = apiKeyStatus(old, now);
      if (status !== 'active') return { kind: 'not_active', status };
      await manager.update(ApiKeyEntity, { id: old.id }, { revokedAt: now });
      const customer = await manager.findOneByOrFail(CustomerEntity, { id: customerId });
      const { key, secret } = await addApiKey(manager, customerId, now, old.expiresAt);
      return { kind: 'rotated', issued: { customer, key, secret }, revoked: { ...old, revokedAt: now } };
    });
  }

  private lockKeys(manager: EntityManager, customerId: string): Promise<ApiKeyEntity[]> {
    return manager.find(ApiKeyEntity, { where: { customerId }, lock: { mode: 'pessimistic_write' } });
  }
}
