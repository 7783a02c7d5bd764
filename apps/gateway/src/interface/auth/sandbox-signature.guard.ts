import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import type { HttpRequest } from '../http/http-types';
import { judgeWebhookTimestamp } from '../../domain/webhook-freshness';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../infrastructure/gateway-config';
import { isValidWebhookSignature } from '../../infrastructure/webhook-signature';
import { ApiError } from '../http/api-error';

/**
 * The payment provider's webhook is unauthenticated HTTP: only a signature over the exact bytes it
 * sent (X-Sandbox-Signature over `${X-Sandbox-Timestamp}.${raw body}`) proves it came from the
 * provider, and only a recent timestamp proves it is not a replay. Runs before body validation, so
 * a forged request learns nothing about the body format.
 */
@Injectable()
export class SandboxSignatureGuard implements CanActivate {
  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const timestamp = request.header('x-sandbox-timestamp');
    const signature = request.header('x-sandbox-signature');
    if (!timestamp || !signature) {
      throw new ApiError(401, 'invalid_signature', 'X-Sandbox-Timestamp and X-Sandbox-Signature headers are required');
    }
    if (!isValidWebhookSignature(this.config.sandboxWebhookSecret, timestamp, request.rawBody ?? Buffer.alloc(0), signature)) {
      throw new ApiError(401, 'invalid_signature', 'The webhook signature does not match');
    }
    const freshness = judgeWebhookTimestamp(timestamp, this.clock.now());
    if (freshness === 'malformed') throw new ApiError(401, 'invalid_signature', 'X-Sandbox-Timestamp must be Unix time in seconds');
    if (freshness !== 'fresh') {
      throw new ApiError(401, 'stale_webhook', 'The webhook timestamp is more than 5 minutes old or more than 1 minute ahead');
    }
    return true;
  }
}
