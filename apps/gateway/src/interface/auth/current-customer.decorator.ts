import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CustomerEntity } from '../../infrastructure/entities';
import type { AuthenticatedRequest } from './api-key.guard';

/** The customer ApiKeyGuard authenticated. */
export const CurrentCustomer = createParamDecorator((_: unknown, context: ExecutionContext): CustomerEntity => {
  const customer = context.switchToHttp().getRequest<AuthenticatedRequest>().customer;
  if (!customer) throw new Error('CurrentCustomer used on a route without ApiKeyGuard');
  return customer;
});
