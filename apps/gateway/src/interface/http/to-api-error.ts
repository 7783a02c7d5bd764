import { ApiError } from '@rental/service-kit';
import type { CancelAnswer } from '../../application/commands/cancel-order.handler';
import type { QuoteAnswer } from '../../application/commands/create-quote.handler';
import type { ExtensionAnswer } from '../../application/commands/extend-order.handler';
import type { OrderAnswer } from '../../application/commands/place-order.handler';
import type { RevealOutcome } from '../../application/commands/reveal-root-password.handler';
import type { Revocation } from '../../application/commands/revoke-api-key.handler';
import type { Rotation } from '../../application/commands/rotate-api-key.handler';

/** Every answer of the application layer that is not what the client asked for. */
export type Refusal =
  | Exclude<QuoteAnswer, { kind: 'created' }>
  | Exclude<OrderAnswer, { kind: 'placed' }>
  | Exclude<CancelAnswer, { kind: 'cancelled' }>
  | Exclude<ExtensionAnswer, { kind: 'accepted' }>
  | Exclude<RevealOutcome, { kind: 'revealed' }>
  | Exclude<Revocation, { kind: 'revoked' }>
  | Exclude<Rotation, { kind: 'rotated' }>;

/** What the request named, for the messages: the ids it was about and the Idempotency-Key it carried, if any. */
export interface Asked {
  readonly quoteId?: string;
  readonly orderId?: string;
  readonly machineId?: string;
  readonly idempotencyKey?: string;
}

/**
 * The order service's reasons that describe the rental's or the customer's present state rather
 * than the request: the same request may succeed later (pay or cancel an unpaid order, wait for the
 * pending extension), so they answer 409; every other reason is the request's own fault, 422.
 */
const REFUSED_IN_PRESENT_STATE: ReadonlySet<string> = new Set(['too_many_unpaid_orders', 'not_cancellable', 'not_running', 'extension_pending']);

const IDEMPOTENCY_KEY_REUSED = 'This Idempotency-Key was used for a different request; use a new key for a new request';

/** The HTTP error for a refusal, the one mapping every controller uses so a reason answers alike everywhere. */
export function toApiError(refusal: Refusal, asked: Asked = {}): ApiError {
  switch (refusal.kind) {
    case 'rejected':
      if (refusal.reason === 'order_not_found') return ApiError.notFound('Order');
      return new ApiError(REFUSED_IN_PRESENT_STATE.has(refusal.reason) ? 409 : 422, refusal.reason, refusal.detail);
    case 'timeout':
      return new ApiError(504, 'reply_timeout', timeoutMessage(refusal, asked));
    case 'idempotency_key_reused':
      return new ApiError(422, 'idempotency_key_reused', IDEMPOTENCY_KEY_REUSED);
    case 'quote_not_found':
      return new ApiError(422, 'quote_not_found', `You have no quote ${asked.quoteId}`);
    case 'order_not_found':
      return ApiError.notFound('Order');
    case 'machine_not_found':
      return ApiError.notFound('Machine');
    case 'no_root_password':
      return new ApiError(404, 'no_root_password', `Machine ${asked.machineId} logs in with your SSH key; it has no root password`);
    case 'password_already_revealed':
      return new ApiError(
        410,
        'password_already_revealed',
        `The root password of machine ${asked.machineId} was revealed at ${refusal.revealedAt.toISOString()} and is not kept`,
      );
    case 'machine_deprovisioned':
      return new ApiError(410, 'machine_deprovisioned', `Machine ${asked.machineId} was wiped before its root password was revealed`);
    case 'not_found':
      return ApiError.notFound('API key');
    case 'last_key':
      return new ApiError(409, 'last_api_key', 'This is your only active API key; create another (POST /v1/api-keys) before revoking it, or rotate it');
    case 'not_active':
      return new ApiError(409, 'api_key_not_active', `The API key is ${refusal.status}; only an active key can be rotated`);
  }
}

/** What to do after a timeout depends on the request: a quote is asked anew, a keyed request repeated with its key. */
function timeoutMessage(timeout: Extract<Refusal, { kind: 'timeout' }>, asked: Asked): string {
  if ('quoteId' in timeout) return `No answer for quote ${timeout.quoteId} in time; ask for a new quote`;
  if ('orderId' in timeout) return `Order ${timeout.orderId} is not confirmed yet; repeat the request with the same Idempotency-Key to see it`;
  if ('extensionId' in timeout) {
    return `Extension ${timeout.extensionId} of order ${asked.orderId} is not confirmed yet; repeat the request with the same Idempotency-Key to see it`;
  }
  return asked.idempotencyKey === undefined
    ? `The cancellation of order ${asked.orderId} is not confirmed yet; look at the order to see whether it was cancelled`
    : `The cancellation of order ${asked.orderId} is not confirmed yet; repeat the request with the same Idempotency-Key to see the answer`;
}
