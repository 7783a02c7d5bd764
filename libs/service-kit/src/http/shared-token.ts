import { createHash, timingSafeEqual } from 'node:crypto';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { ApiError } from './api-error';

/** What a token is compared by: its SHA-256, so that any two have equal lengths. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** In constant time: how long the answer takes tells nothing about how much of the token was right. */
export function tokenMatches(given: string | undefined, expected: Buffer): boolean {
  return given !== undefined && given !== '' && timingSafeEqual(tokenDigest(given), expected);
}

interface HeaderRequest {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * An endpoint for operators only: the request's header must carry the shared token. A service's
 * guard extends this with its header and the token from its configuration.
 */
export abstract class SharedTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  protected constructor(
    /** e.g. X-Admin-Token. */
    private readonly header: string,
    token: string,
  ) {
    this.expected = tokenDigest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    const given = context.switchToHttp().getRequest<HeaderRequest>().headers[this.header.toLowerCase()];
    if (!tokenMatches(typeof given === 'string' ? given : undefined, this.expected)) {
      throw ApiError.unauthorized(`A valid ${this.header} header is required`);
    }
    return true;
  }
}
