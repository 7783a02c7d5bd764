import { ApiError } from '@rental/service-kit';

/** The expiry asked for a new key, which must lie ahead: a key born expired is a mistake. */
export function requireFutureExpiry(expiresAt: string | undefined, now: Date): Date | null {
  if (expiresAt === undefined) return null;
  const at = new Date(expiresAt);
  if (at.getTime() <= now.getTime()) {
    throw ApiError.validation('The request is not valid: expiresAt must be in the future', [
      { field: 'expiresAt', problems: [`must be after ${now.toISOString()}`] },
    ]);
  }
  return at;
}
