import { type INestApplication, ValidationPipe } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GATEWAY_SETTINGS, type GatewaySettings } from '../../gateway-settings';
import { serveOpenApi } from './openapi';
import { validationFailed } from './validation-errors';

/**
 * The gateway's HTTP conventions, applied by main.ts and by the tests alike: a JSON body no larger
 * than GATEWAY_MAX_BODY_BYTES (413 payload_too_large, before it is parsed), DTO validation that
 * refuses unknown fields, and the OpenAPI document (the error body is every service's, from PlatformModule).
 */
export function configure(app: INestApplication): void {
  const { limits } = app.get<GatewaySettings>(GATEWAY_SETTINGS);
  // Registered before Nest's own parser, which then stays out; raw bodies are still kept for the webhook's signature.
  (app as NestExpressApplication).useBodyParser('json', { limit: limits.bodyBytes });
  // The client's address, which the per-address limit counts, comes from X-Forwarded-For only when a trusted proxy sent it:
  // from anyone else the header is a claim the client makes about itself.
  (app as NestExpressApplication).set('trust proxy', limits.trustedProxies.length > 0 ? limits.trustedProxies : false);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationFailed,
    }),
  );
  (app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void }).disable?.('x-powered-by');
  serveOpenApi(app);
}
