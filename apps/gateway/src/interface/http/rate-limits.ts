import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerModuleOptions } from '@nestjs/throttler';
import { ApiError } from '@rental/service-kit';
import { hashApiKey } from '../../application/common/api-key-secrets';
import type { GatewayLimits } from '../../gateway-settings';
import { presentedApiKey } from '../auth/api-key.guard';
import { ErrorBodyView } from '../dto/error.view';
import type { HttpRequest, HttpResponse } from './http-types';

/** Counts every request from one client address, before anything else looks at it. */
export const PER_ADDRESS = 'address';
/** Counts the requests that present one API key. */
export const PER_KEY = 'key';

/**
 * The two request limits. Both are counted before authentication, as a global guard, so a client
 * guessing keys is stopped by its address (429, not an endless run of 401s); a key is counted by the
 * hash of what was presented, which is how the database knows it too, so a valid key's count is
 * that key's whatever its customer does with others. Counts are kept in this process's memory: two
 * gateway instances each allow the limit.
 */
export function rateLimitOptions(limits: GatewayLimits): ThrottlerModuleOptions {
  return {
    throttlers: [
      { name: PER_ADDRESS, limit: limits.perAddress, ttl: limits.windowMs },
      {
        name: PER_KEY,
        limit: limits.perKey,
        ttl: limits.windowMs,
        getTracker: (request) => hashApiKey(presentedApiKey(request as HttpRequest) ?? ''),
        skipIf: (context) => presentedApiKey(context.switchToHttp().getRequest<HttpRequest>()) === undefined,
      },
    ],
    // The 429 carries Retry-After (below); per-throttler X-RateLimit-* headers on every answer would only add noise.
    setHeaders: false,
    // One count per client across every route (the library counts per route by default).
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
  };
}

/**
 * Probes must never be refused: an orchestrator that reads a 429 from /health/ready takes the
 * instance out of service. The payment provider's webhook opts out on its controller.
 */
const UNLIMITED_PATHS = /^\/health\//;

@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    return UNLIMITED_PATHS.test(context.switchToHttp().getRequest<HttpRequest>().url ?? '');
  }

  protected override async throwThrottlingException(context: ExecutionContext, limit: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, limit.timeToBlockExpire);
    context.switchToHttp().getResponse<HttpResponse>().setHeader('Retry-After', String(retryAfter));
    const who = limit.key.startsWith(`${PER_KEY}:`) ? 'this API key' : 'your address';
    throw new ApiError(
      429,
      'rate_limited',
      `Too many requests from ${who}: at most ${limit.limit} per ${Math.round(limit.ttl / 1000)} s; retry after ${retryAfter} s`,
    );
  }
}

/** Documents the 429 of a limited operation (on a controller: all of its operations). */
export const ApiRateLimited = () =>
  ApiResponse({
    status: 429,
    description: 'Too many requests from your API key or your address (rate_limited); wait the seconds in Retry-After',
    type: ErrorBodyView,
    headers: { 'Retry-After': { description: 'Seconds to wait before the next request', schema: { type: 'integer', minimum: 1 } } },
  });
