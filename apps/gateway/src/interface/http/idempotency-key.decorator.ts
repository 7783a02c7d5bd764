import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiError } from '@rental/service-kit';
import type { HttpRequest } from './http-types';

/** Printable ASCII without spaces, as the IETF Idempotency-Key draft and the big providers use. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** For an operation that cannot run without a key: how the error names the request and what the key is unique per. */
export interface RequiredKey {
  readonly request: string;
  readonly per: string;
}

/**
 * The request's Idempotency-Key header, checked: 400 validation_failed when it is not 1-255
 * printable ASCII characters. With `required`, a request without one answers 400
 * idempotency_key_required; without, the parameter is undefined then. The header is documented
 * with @ApiHeader on the operation, whose description says what the key is unique per.
 */
export const IdempotencyKey = createParamDecorator((required: RequiredKey | undefined, context: ExecutionContext): string | undefined => {
  const header = context.switchToHttp().getRequest<HttpRequest>().headers['idempotency-key'];
  const sent = typeof header === 'string' && header !== '' ? header : undefined;
  if (sent === undefined) {
    if (required === undefined) return undefined;
    throw new ApiError(400, 'idempotency_key_required', `${required.request} needs an Idempotency-Key header, e.g. a UUID generated for this ${required.per}`);
  }
  if (!IDEMPOTENCY_KEY.test(sent)) {
    throw ApiError.validation('The request is not valid: Idempotency-Key must be 1-255 printable ASCII characters', [
      { field: 'Idempotency-Key', problems: ['must be 1-255 printable ASCII characters without spaces'] },
    ]);
  }
  return sent;
});
