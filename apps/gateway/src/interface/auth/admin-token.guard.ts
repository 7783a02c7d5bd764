import { createHash, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { HttpRequest } from '../http/http-types';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../infrastructure/gateway-config';
import { ApiError } from '@rental/service-kit';

/** Operator endpoints: the X-Admin-Token header must equal GATEWAY_ADMIN_TOKEN. */
@Injectable()
export class AdminTokenGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    this.expected = digest(config.adminToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const given = context.switchToHttp().getRequest<HttpRequest>().header('x-admin-token');
    // Compare digests, which have equal lengths, in constant time: the answer time reveals nothing.
    if (!given || !timingSafeEqual(digest(given), this.expected)) {
      throw ApiError.unauthorized('A valid X-Admin-Token header is required');
    }
    return true;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
