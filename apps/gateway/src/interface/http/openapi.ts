import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const BEARER_AUTH = 'api-key';
export const ADMIN_AUTH = 'admin-token';

/**
 * The OpenAPI document, generated from the controllers and DTOs so it cannot drift from the code;
 * UI at /docs, JSON at /docs-json.
 */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Server rental API')
    .setDescription(
      'Rent servers by the day, week or month: read the catalogue, get a quote, order it with an Idempotency-Key, ' +
        'pay the invoice through its checkout URL and follow the rental until the machine runs; extend it, or cancel it with ' +
        'the unused days refunded. Every error has the body ' +
        '`{ "error": { "code", "message", "details"? } }`; branch on `code`. Requests are limited per API key and per ' +
        'client address (429 rate_limited, wait the seconds in Retry-After), live timelines per API key (429 too_many_streams) ' +
        'and JSON bodies to 100 kB (413 payload_too_large). Manage your API keys under /v1/api-keys.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Your API key, `rk_live_...`' }, BEARER_AUTH)
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Admin-Token', description: 'Operators only' }, ADMIN_AUTH)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
