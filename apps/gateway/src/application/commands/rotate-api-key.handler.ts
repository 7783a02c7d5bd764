import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { UnitOfWork } from '@rental/persistence';
import { type ApiKeyStatus, apiKeyStatus } from '../../domain/api-key-status';
import { type ApiKey, ApiKeyStore } from '../ports/api-key-store';
import { CustomerStore } from '../ports/customer-store';
import { addApiKey, type IssuedKey } from './issue-api-key.handler';

export type Rotation = { kind: 'rotated'; issued: IssuedKey; revoked: ApiKey } | { kind: 'not_found' } | { kind: 'not_active'; status: ApiKeyStatus };

/**
 * A new secret in place of an active key: the old one is revoked at once (a key is rotated because
 * it may have leaked; a customer that needs both for a while creates a second key, then revokes
 * the first). The new key expires when the old one would have.
 */
@Injectable()
export class RotateApiKeyHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly customers: CustomerStore,
    private readonly keys: ApiKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  rotate(customerId: string, keyId: string): Promise<Rotation> {
    return this.unitOfWork.run(async (tx) => {
      const now = this.clock.now();
      const keys = await this.keys.lockAllOf(tx, customerId);
      const old = keys.find((k) => k.id === keyId);
      if (!old) return { kind: 'not_found' };
      const status = apiKeyStatus(old, now);
      if (status !== 'active') return { kind: 'not_active', status };
      await this.keys.revoke(tx, old.id, now);
      // The key exists, so its customer does (a key is never stored without one).
      const customer = (await this.customers.find(customerId, tx))!;
      const { key, secret } = await addApiKey(this.keys, tx, customerId, now, old.expiresAt);
      return { kind: 'rotated', issued: { customer, key, secret }, revoked: { ...old, revokedAt: now } };
    });
  }
}
