import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { serveOpenApi } from './openapi';
import { validationFailed } from './validation-errors';

/**
 * The gateway's HTTP conventions, applied by main.ts and by the tests alike: DTO validation that
 * refuses unknown fields, and the OpenAPI document (the error body is every service's, from PlatformModule).
 */
export function configure(app: INestApplication): void {
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
