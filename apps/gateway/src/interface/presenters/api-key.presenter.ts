import type { Rotation } from '../../application/commands/rotate-api-key.handler';
import type { ApiKey } from '../../application/ports/api-key-store';
import { apiKeyStatus } from '../../domain/api-key-status';
import type { ApiKeyCreatedView, ApiKeyRotatedView, ApiKeyView } from '../dto/api-key.view';
import { iso } from './iso';

/** A key as its owner may see it: never its hash. `currentKeyId`: the key of the request, on customer endpoints. */
export function presentApiKey(key: ApiKey, now: Date, currentKeyId?: string): ApiKeyView {
  return {
    id: key.id,
    keyPrefix: key.keyPrefix,
    status: apiKeyStatus(key, now),
    createdAt: iso(key.createdAt),
    ...(key.expiresAt ? { expiresAt: iso(key.expiresAt) } : {}),
    ...(key.revokedAt ? { revokedAt: iso(key.revokedAt) } : {}),
    ...(currentKeyId === undefined ? {} : { current: key.id === currentKeyId }),
  };
}

export function presentCreatedApiKey(key: ApiKey, secret: string, now: Date): ApiKeyCreatedView {
  return { ...presentApiKey(key, now), apiKey: secret };
}

/** A rotated key, the same for a customer's own key and an operator's call: the new key and the one it replaced. */
export function presentRotation(rotated: Extract<Rotation, { kind: 'rotated' }>, now: Date): ApiKeyRotatedView {
  return { ...presentCreatedApiKey(rotated.issued.key, rotated.issued.secret, now), replaced: presentApiKey(rotated.revoked, now) };
}
