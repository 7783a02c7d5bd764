import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiError } from '@rental/service-kit';
import type { Customer } from '../../application/ports/customer-store';
import { CustomerAuthentication } from '../../application/queries/customer-authentication';
import type { HttpRequest, HttpResponse } from '../http/http-types';

export type AuthenticatedRequest = HttpRequest & { customer?: Customer; apiKeyId?: string };

const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]+) *$/i;

/** The API key a request presents (`Authorization: Bearer <key>`), valid or not; undefined when it presents none. */
export function presentedApiKey(request: HttpRequest): string | undefined {
  const header = request.headers.authorization;
  return header === undefined ? undefined : BEARER.exec(header)?.[1];
}

/** Customer endpoints: `Authorization: Bearer <API key>`; the customer it belongs to rides on the request. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly authentication: CustomerAuthentication) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const header = request.header('authorization');
    const refuse = (message: string, code = 'unauthorized'): never => {
      http.getResponse<HttpResponse>().setHeader('WWW-Authenticate', 'Bearer realm="rental"');
      throw new ApiError(401, code, message);
    };
    if (!header) return refuse('Send your API key as "Authorization: Bearer <key>"');
    const key = BEARER.exec(header)?.[1];
    if (!key) return refuse('The Authorization header must be "Bearer <key>"');
    const found = await this.authentication.authenticate(key);
    switch (found.kind) {
      case 'unknown':
        return refuse('The API key is not valid');
      case 'revoked':
        return refuse('The API key was revoked; use another key of yours, or ask us for a new one', 'api_key_revoked');
      case 'expired':
        return refuse(`The API key expired at ${found.expiredAt.toISOString()}; use another key of yours, or ask us for a new one`, 'api_key_expired');
      case 'authenticated':
        request.customer = found.customer;
        request.apiKeyId = found.keyId;
        return true;
    }
  }
}
