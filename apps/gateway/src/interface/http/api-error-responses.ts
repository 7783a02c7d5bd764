import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorBodyView } from '../dto/error.view';

const MEANING: Record<number, string> = {
  400: 'Invalid request (validation_failed, malformed_json, nested_too_deep, ...)',
  401: 'Missing or invalid credentials (unauthorized, api_key_revoked, api_key_expired)',
  404: 'Not found, or not yours (not_found)',
  409: 'Refused in the present state; the code says why (not_cancellable, not_running, extension_pending, too_many_unpaid_orders, last_api_key, api_key_not_active)',
  422: "Refused; the code says why (the order service's reason, idempotency_key_reused)",
  503: 'Not available yet',
  504: 'The owning service did not answer in time (reply_timeout); retrying is safe',
};

/** Documents the error answers of an operation, all with the one error body. */
export const ApiErrorResponses = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, description: MEANING[status] ?? 'Error', type: ErrorBodyView })));
