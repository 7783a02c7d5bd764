import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { ApiError } from '@rental/service-kit';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '@rental/webhooks';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../../gateway-settings';
import type { HttpRequest } from '../http/http-types';

/**
 * The payment provider's webhook is unauthenticated HTTP: only a signature over the exact bytes it
 * sent (X-Sandbox-Signature over `${X-Sandbox-Timestamp}.${raw body}`) proves it came from the
 * provider, and only a recent timestamp proves it is not a replay. Runs before body validation, so
 * a forged request learns nothing about the body format.
 */
@Injectable()
export class SandboxSignatureGuard implements CanActivate {
  constructor(
    @Inject(GATEWAY_SETTINGS) private readonly settings: GatewaySettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const verdict = verifyWebhook({
      secret: this.settings.sandboxWebhookSecret,
      rawBody: request.rawBody ?? Buffer.alloc(0),
      timestamp: request.header(TIMESTAMP_HEADER),
      signature: request.header(SIGNATURE_HEADER),
      now: this.clock.now(),
    });
    if (verdict.ok) return true;
    switch (verdict.error) {
      case 'missing_signature':
        throw new ApiError(401, 'invalid_signature', `${TIMESTAMP_HEADER} and ${SIGNATURE_HEADER} headers are required`);
      case 'malformed_timestamp':
        throw new ApiError(401, 'invalid_signature', `${TIMESTAMP_HEADER} must be Unix time in seconds`);
      case 'stale_timestamp':
        throw new ApiError(401, 'stale_webhook', 'The webhook timestamp is more than 5 minutes old or more than 1 minute ahead');
      case 'bad_signature':
        throw new ApiError(401, 'invalid_signature', 'The webhook signature does not match');
    }
  }
}
