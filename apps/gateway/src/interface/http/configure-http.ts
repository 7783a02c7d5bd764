import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { ApiExceptionFilter } from './api-exception.filter';
import { serveOpenApi } from './openapi';
import { validationFailed } from './validation-errors';

/**
 * The gateway's HTTP conventions, applied by main.ts and by the tests alike: DTO validation that
 * refuses unknown fields, one error body for every failure, and the OpenAPI document.
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
  app.useGlobalFilters(new ApiExceptionFilter());
  (app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void }).disable?.('x-powered-by');
  serveOpenApi(app);
}
