import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { HttpRequest, HttpResponse } from '../http/http-types';
import { CustomerAuthentication } from '../../application/customer-authentication';
import type { CustomerEntity } from '../../infrastructure/entities';
import { ApiError } from '@rental/service-kit';

export type AuthenticatedRequest = HttpRequest & { customer?: CustomerEntity };

const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i;

/** Customer endpoints: `Authorization: Bearer <API key>`; the customer it belongs to rides on the request. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly authentication: CustomerAuthentication) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const header = request.header('authorization');
    const refuse = (message: string): never => {
      http.getResponse<HttpResponse>().setHeader('WWW-Authenticate', 'Bearer realm="rental"');
      throw ApiError.unauthorized(message);
    };
    if (!header) return refuse('Send your API key as "Authorization: Bearer <key>"');
    const key = BEARER.exec(header)?.[1];
    if (!key) return refuse('The Authorization header must be "Bearer <key>"');
    const customer = await this.authentication.customerFor(key);
    if (!customer) return refuse('The API key is not valid');
    request.customer = customer;
    return true;
  }
}
