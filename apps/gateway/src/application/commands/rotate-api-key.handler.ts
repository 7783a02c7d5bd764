import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { UnitOfWork } from '@rental/persistence';
import { apiKeyStatus, type ApiKeyStatus } from '../../domain/api-key-status';
import { ApiKeyEntity, CustomerEntity } from '../../infrastructure/entities';
import { addApiKey, type IssuedKey } from './issue-api-key.handler';
import { lockKeys } from './lock-api-keys';

export type Rotation = { kind: 'rotated'; issued: IssuedKey; revoked: ApiKeyEntity } | { kind: 'not_found' } | { kind: 'not_active'; status: ApiKeyStatus };

/**
 * A new secret in place of an active key: the old one is revoked at once (a key is rotated because
 * it may have leaked; a customer that needs both for a while creates a second key, then revokes
 * the first). The new key expires when the old one would have.
 */
@Injectable()
export class RotateApiKeyHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  rotate(customerId: string, keyId: string): Promise<Rotation> {
    return this.unitOfWork.run(async (manager) => {
      const now = this.clock.now();
      const keys = await lockKeys(manager, customerId);
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
}
