import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { apiKeyStatus } from '../../domain/api-key-status';
import { hashApiKey } from '../common/api-key-secrets';
import { ApiKeyStore } from '../ports/api-key-store';
import { type Customer, CustomerStore } from '../ports/customer-store';

export type Authentication =
  { kind: 'authenticated'; customer: Customer; keyId: string } | { kind: 'unknown' } | { kind: 'revoked' } | { kind: 'expired'; expiredAt: Date };

/**
 * Finds the customer an API key belongs to, by the key's hash (one unique-index lookup), on every
 * request: nothing is cached, so a revoked or expired key is refused from the next request on.
 * Whoever presents a revoked or expired key holds its secret, so telling them which it is reveals nothing.
 */
@Injectable()
export class CustomerAuthentication {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly customers: CustomerStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async authenticate(apiKey: string): Promise<Authentication> {
    const key = await this.keys.findByHash(hashApiKey(apiKey));
    if (!key) return { kind: 'unknown' };
    switch (apiKeyStatus(key, this.clock.now())) {
      case 'revoked':
        return { kind: 'revoked' };
      case 'expired':
        return { kind: 'expired', expiredAt: key.expiresAt! };
      case 'active': {
        // A key is never stored without its customer.
        const customer = (await this.customers.find(key.customerId))!;
        return { kind: 'authenticated', customer, keyId: key.id };
      }
    }
  }
}
