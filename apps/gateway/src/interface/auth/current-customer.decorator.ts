import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Customer } from '../../application/ports/customer-store';
import type { AuthenticatedRequest } from './api-key.guard';

/** The customer ApiKeyGuard authenticated. */
export const CurrentCustomer = createParamDecorator((_: unknown, context: ExecutionContext): Customer => {
  const customer = context.switchToHttp().getRequest<AuthenticatedRequest>().customer;
  if (!customer) throw new Error('CurrentCustomer used on a route without ApiKeyGuard');
  return customer;
});

/** The id of the API key ApiKeyGuard authenticated the request with. */
export const CurrentApiKeyId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const keyId = context.switchToHttp().getRequest<AuthenticatedRequest>().apiKeyId;
  if (!keyId) throw new Error('CurrentApiKeyId used on a route without ApiKeyGuard');
  return keyId;
});
