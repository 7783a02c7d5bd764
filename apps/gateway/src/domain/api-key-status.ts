/** Whether a key opens the API: active until it is revoked or its expiry has come. */
export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

export interface ApiKeyLifetime {
  readonly revokedAt: Date | null;
  readonly expiresAt: Date | null;
}

/** A revocation outranks an expiry: the customer (or an operator) acted on the key. */
export function apiKeyStatus(key: ApiKeyLifetime, now: Date): ApiKeyStatus {
  if (key.revokedAt !== null && key.revokedAt.getTime() <= now.getTime()) return 'revoked';
  if (key.expiresAt !== null && key.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
