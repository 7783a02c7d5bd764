import type { ApiError } from '@rental/service-kit';
import { type Refusal, toApiError } from './to-api-error';

const ORDER = '7d3f0c1e-2b4a-4c5d-8e6f-0a1b2c3d4e5f';

function answer(error: ApiError): { status: number; code: string; message: string } {
  const body = error.getResponse() as { error: { code: string; message: string } };
  return { status: error.getStatus(), code: body.error.code, message: body.error.message };
}

describe('toApiError', () => {
  // Each order-service reason with the status the API documents for it (ErrorView, ApiErrorResponses).
  const reasons: [Refusal, number][] = [
    [{ kind: 'rejected', reason: 'unknown_plan', detail: 'd' }, 422],
    [{ kind: 'rejected', reason: 'invalid_period', detail: 'd' }, 422],
    [{ kind: 'rejected', reason: 'quote_expired', detail: 'd' }, 422],
    [{ kind: 'rejected', reason: 'quote_not_found', detail: 'd' }, 422],
    [{ kind: 'rejected', reason: 'no_capacity', detail: 'd' }, 422],
    [{ kind: 'rejected', reason: 'too_many_unpaid_orders', detail: 'd' }, 409],
    [{ kind: 'rejected', reason: 'not_cancellable', detail: 'd' }, 409],
    [{ kind: 'rejected', reason: 'not_running', detail: 'd' }, 409],
    [{ kind: 'rejected', reason: 'extension_pending', detail: 'd' }, 409],
    [{ kind: 'rejected', reason: 'too_long', detail: 'd' }, 422],
    [{ kind: 'rejected', reason: 'invalid_request', detail: 'd' }, 422],
  ];
  it.each(reasons)('answers the rejection %j with its reason as the code and status %i', (refusal, status) => {
    expect(answer(toApiError(refusal))).toEqual({ status, code: (refusal as { reason: string }).reason, message: 'd' });
  });

  it('answers a rejection for an order the service does not know as the order not being found', () => {
    expect(answer(toApiError({ kind: 'rejected', reason: 'order_not_found', detail: 'd' }))).toEqual({
      status: 404,
      code: 'not_found',
      message: 'Order not found',
    });
    expect(answer(toApiError({ kind: 'order_not_found' }))).toEqual({ status: 404, code: 'not_found', message: 'Order not found' });
  });

  it('tells after a timeout what to do next, which depends on the request', () => {
    expect(answer(toApiError({ kind: 'timeout', quoteId: 'q1' })).message).toBe('No answer for quote q1 in time; ask for a new quote');
    expect(answer(toApiError({ kind: 'timeout', orderId: ORDER }))).toEqual({
      status: 504,
      code: 'reply_timeout',
      message: `Order ${ORDER} is not confirmed yet; repeat the request with the same Idempotency-Key to see it`,
    });
    expect(answer(toApiError({ kind: 'timeout', extensionId: 'e1' }, { orderId: ORDER })).message).toBe(
      `Extension e1 of order ${ORDER} is not confirmed yet; repeat the request with the same Idempotency-Key to see it`,
    );
    expect(answer(toApiError({ kind: 'timeout', requestId: 'r1' }, { orderId: ORDER })).message).toBe(
      `The cancellation of order ${ORDER} is not confirmed yet; look at the order to see whether it was cancelled`,
    );
    expect(answer(toApiError({ kind: 'timeout', requestId: 'r1' }, { orderId: ORDER, idempotencyKey: 'k' })).message).toBe(
      `The cancellation of order ${ORDER} is not confirmed yet; repeat the request with the same Idempotency-Key to see the answer`,
    );
  });

  it('answers the refusals of keys, quotes and root passwords with their own codes', () => {
    const revealedAt = new Date('2026-03-04T05:06:07Z');
    expect(answer(toApiError({ kind: 'idempotency_key_reused' }))).toMatchObject({ status: 422, code: 'idempotency_key_reused' });
    expect(answer(toApiError({ kind: 'quote_not_found' }, { quoteId: 'q9' }))).toEqual({
      status: 422,
      code: 'quote_not_found',
      message: 'You have no quote q9',
    });
    expect(answer(toApiError({ kind: 'machine_not_found' }))).toEqual({ status: 404, code: 'not_found', message: 'Machine not found' });
    expect(answer(toApiError({ kind: 'no_root_password' }, { machineId: 'm1' }))).toMatchObject({ status: 404, code: 'no_root_password' });
    expect(answer(toApiError({ kind: 'password_already_revealed', revealedAt }, { machineId: 'm1' }))).toEqual({
      status: 410,
      code: 'password_already_revealed',
      message: 'The root password of machine m1 was revealed at 2026-03-04T05:06:07.000Z and is not kept',
    });
    expect(answer(toApiError({ kind: 'machine_deprovisioned' }, { machineId: 'm1' }))).toMatchObject({ status: 410, code: 'machine_deprovisioned' });
    expect(answer(toApiError({ kind: 'not_found' }))).toEqual({ status: 404, code: 'not_found', message: 'API key not found' });
    expect(answer(toApiError({ kind: 'last_key' }))).toMatchObject({ status: 409, code: 'last_api_key' });
    expect(answer(toApiError({ kind: 'not_active', status: 'revoked' }))).toEqual({
      status: 409,
      code: 'api_key_not_active',
      message: 'The API key is revoked; only an active key can be rotated',
    });
  });
});
