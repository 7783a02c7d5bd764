import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { UnitOfWork } from '@rental/persistence';
import { apiKeyStatus } from '../../domain/api-key-status';
import { type ApiKey, ApiKeyStore } from '../ports/api-key-store';

export type Revocation =
  | { kind: 'revoked'; key: ApiKey }
  | { kind: 'not_found' }
  /** It is the customer's only active key: revoking it would lock them out. */
  | { kind: 'last_key' };

/**
 * Revokes one of a customer's keys, for the customer itself or an operator. A revoked key is refused
 * from the next request on: authentication reads the key's row every time, nothing is cached. The
 * customer's keys are locked, so two revocations at once cannot both pass the last-key check.
 */
@Injectable()
export class RevokeApiKeyHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly keys: ApiKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Revoking a revoked key again answers it as it is. `keepOneActive`: refuse to revoke the
   * customer's only active key (a customer revoking its own).
   */
  revoke(customerId: string, keyId: string, keepOneActive: boolean): Promise<Revocation> {
    return this.unitOfWork.run(async (tx) => {
      const now = this.clock.now();
      const keys = await this.keys.lockAllOf(tx, customerId);
      const key = keys.find((k) => k.id === keyId);
      if (!key) return { kind: 'not_found' };
      if (key.revokedAt !== null) return { kind: 'revoked', key };
      const othersActive = keys.some((k) => k.id !== keyId && apiKeyStatus(k, now) === 'active');
      if (keepOneActive && apiKeyStatus(key, now) === 'active' && !othersActive) return { kind: 'last_key' };
      await this.keys.revoke(tx, key.id, now);
      return { kind: 'revoked', key: { ...key, revokedAt: now } };
    });
  }
}
