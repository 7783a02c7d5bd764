import {
  type EventEnvelope,
  orderCancellationRejectedV1,
  orderCancelV1,
  orderExtensionRejectedV1,
  orderPlacedV1,
  orderRejectedV1,
  quoteCreatedV1,
  quoteRejectedV1,
  topicOf,
} from '@rental/contracts';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import type { ServiceApp } from '../../../test/support/service-app';
import {
  ADMIN_TOKEN,
  type Answer,
  call,
  createCustomer,
  newId,
  orderPlacedFor,
  publish,
  publishStatusChanged,
  quoteCreatedFor,
  startGateway,
  type TestCustomer,
} from './gateway-test-kit';

const REPLY_TIMEOUT_MS = 3_000;

let app: ServiceApp;
let commands: EventCollector;

beforeAll(async () => {
  app = await startGateway({ GATEWAY_REPLY_TIMEOUT_MS: String(REPLY_TIMEOUT_MS), GATEWAY_REPLY_POLL_MS: '60000' });
  // Every command the gateway sends travels on the order service's command topic.
  commands = await collectEvents([topicOf(orderCancelV1, app.topicPrefix)]);
});

afterAll(async () => {
  await commands?.stop();
  await app?.close();
});

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

function expectRefused(answer: Answer, status: number, code: string, field?: string): void {
  expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status, code });
  expect(typeof answer.body.error.message).toBe('string');
  if (field !== undefined) expect(answer.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
}

/** Commands of `type` about this customer recorded in the outbox (the customer's id is somewhere in each). */
const outboxCount = async (type: string, customerId: string) =>
  (await app.db.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE event_type = $1 AND value::text LIKE '%' || $2 || '%'`, [type, customerId]))
    .rows[0].n;

/** An order of this customer in the read model, placed elsewhere. */
async function placedOrder(customer: TestCustomer): Promise<string> {
  const orderId = newId();
  await publish(app, orderPlacedV1, orderId, orderPlacedFor(orderId, customer.id));
  await publishStatusChanged(app, orderId, customer.id, null, 'placed', 'order_placed');
  await eventually(
    () => app.db.query(`SELECT 1 FROM gateway_orders WHERE order_id = $1`, [orderId]),
    (r) => r.rowCount === 1,
    30_000,
    'order in the read model',
  );
  return orderId;
}

describe('input no service could take is refused with 400 and the error body', () => {
  it('JSON nested thousands deep, however deep, and wherever it is sent', async () => {
    const customer = await createCustomer(app);
    for (const depth of [40, 1_000, 2_000, 20_000]) {
      const admin = await call(app, 'POST', '/v1/admin/customers', { headers: { 'x-admin-token': ADMIN_TOKEN }, rawBody: `{"name":${nested(depth)}}` });
      expectRefused(admin, 400, 'nested_too_deep');
      const quote = await call(app, 'POST', '/v1/quotes', { headers: customer.auth, rawBody: `{"planCode":"standard-4","extra":${nested(depth)}}` });
      expectRefused(quote, 400, 'nested_too_deep');
    }
    // A body as deep as any of ours still reaches validation.
    const shallow = await call(app, 'POST', '/v1/admin/customers', { headers: { 'x-admin-token': ADMIN_TOKEN }, rawBody: `{"name":${nested(3)}}` });
    expectRefused(shallow, 400, 'validation_failed', 'name');
  });

  it('a NUL character in a customer name, a cancel note, a field name or a query, sending nothing', async () => {
    const customers = async () => (await app.db.query(`SELECT count(*)::int AS n FROM gateway_customers`)).rows[0].n;
    const before = await customers();
    const nul = await call(app, 'POST', '/v1/admin/customers', {
      headers: { 'x-admin-token': ADMIN_TOKEN },
      body: { name: 'Stroopwafel\u0000 Logistics', email: 'it@stroopwafel.example', language: 'nl', country: 'NL', kind: 'consumer' },
    });
    expectRefused(nul, 400, 'validation_failed', 'name');
    expect(await customers()).toBe(before);

    const customer = await createCustomer(app);
    const orderId = await placedOrder(customer);
    const cancel = { headers: { ...customer.auth, 'idempotency-key': newId() }, body: { note: 'done\u0000' } };
    expectRefused(await call(app, 'POST', `/v1/orders/${orderId}/cancel`, cancel), 400, 'validation_failed', 'note');
    // The same key again, corrected: the refusal claimed nothing, so the cancellation is sent now.
    const corrected = call(app, 'POST', `/v1/orders/${orderId}/cancel`, { ...cancel, body: { note: 'done' } });
    const sent = await commands.waitFor<{ customerId: string; note?: string }>('order.cancel', (e) => e.payload.customerId === customer.id);
    expect(sent.payload.note).toBe('done');
    await corrected; // no order service here: the answer is not the point
    expect(await outboxCount('order.cancel', customer.id)).toBe(1);

    expectRefused(await call(app, 'POST', '/v1/quotes', { headers: customer.auth, rawBody: '{"\\u0000":1}' }), 400, 'validation_failed', '(body)');
    expectRefused(await call(app, 'GET', '/v1/orders?cursor=%00', { headers: customer.auth }), 400, 'validation_failed', 'cursor');
  });

  it('a time outside the years 2000..9999 (UTC), before asking the order service', async () => {
    const customer = await createCustomer(app);
    for (const [field, body] of [
      ['start', { start: '9999-12-31T23:00:00-05:00', duration: 'P1M' }],
      ['start', { start: '1999-12-31T09:00:00Z', duration: 'P1M' }],
      ['end', { start: '2027-01-01T09:00:00Z', end: '+010000-01-01T00:00:00Z' }],
    ] as const) {
      const answer = await call(app, 'POST', '/v1/quotes', {
        headers: customer.auth,
        body: { planCode: 'standard-4', locationCode: 'ams1', imageCode: 'debian-12', quantity: 1, ...body },
      });
      expectRefused(answer, 400, 'validation_failed', field);
    }
    expect(await outboxCount('quote.create', customer.id)).toBe(0);
  });
});

describe('a command the order service finds invalid is answered with 422 invalid_request, never 504', () => {
  const DETAIL = 'note: must not contain the NUL character (\\u0000)';
  const answered = new Set<string>();

  /** The next command of `type` about this customer that no test has answered yet. */
  async function nextCommand<T>(type: string, customer: TestCustomer): Promise<EventEnvelope<T>> {
    const command = await commands.waitFor<T>(type, (e) => JSON.stringify(e.payload).includes(customer.id) && !answered.has(e.id));
    answered.add(command.id);
    return command;
  }

  function expectInvalidRequest(answer: Answer): void {
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ error: { code: 'invalid_request', message: DETAIL } });
  }

  it('a quote', async () => {
    const customer = await createCustomer(app);
    const pending = call(app, 'POST', '/v1/quotes', {
      headers: customer.auth,
      body: { planCode: 'standard-4', locationCode: 'ams1', imageCode: 'debian-12', quantity: 1, start: '2027-01-01T09:00:00Z', duration: 'P1M' },
    });
    const command = await nextCommand<{ quoteId: string }>('quote.create', customer);
    const { quoteId } = command.payload;
    await publish(app, quoteRejectedV1, quoteId, { quoteId, customerId: customer.id, reason: 'invalid_request', detail: DETAIL });
    expectInvalidRequest(await pending);
  });

  it('an order, and its retry under the same Idempotency-Key', async () => {
    const customer = await createCustomer(app);
    const quoteId = newId();
    await publish(app, quoteCreatedV1, quoteId, quoteCreatedFor(quoteId, customer.id));
    await eventually(
      () => call(app, 'GET', `/v1/quotes/${quoteId}`, { headers: customer.auth }),
      (r) => r.status === 200,
      30_000,
      'quote in the read model',
    );
    const request = { headers: { ...customer.auth, 'idempotency-key': newId() }, body: { quoteId } };
    const pending = call(app, 'POST', '/v1/orders', request);
    const command = await nextCommand<{ orderId: string }>('order.place', customer);
    const { orderId } = command.payload;
    await publish(app, orderRejectedV1, orderId, { orderId, quoteId, customerId: customer.id, reason: 'invalid_request', detail: DETAIL });
    expectInvalidRequest(await pending);
    expectInvalidRequest(await call(app, 'POST', '/v1/orders', request));
    expect(await outboxCount('order.place', customer.id)).toBe(1);
  });

  it('a cancellation, and its retry under the same Idempotency-Key; the order is as it was', async () => {
    const customer = await createCustomer(app);
    const orderId = await placedOrder(customer);
    const request = { headers: { ...customer.auth, 'idempotency-key': newId() }, body: { note: 'done' } };
    const pending = call(app, 'POST', `/v1/orders/${orderId}/cancel`, request);
    const command = await nextCommand<{ requestId: string }>('order.cancel', customer);
    await publish(app, orderCancellationRejectedV1, orderId, {
      orderId,
      customerId: customer.id,
      requestId: command.payload.requestId,
      reason: 'invalid_request',
      detail: DETAIL,
    });
    expectInvalidRequest(await pending);
    expectInvalidRequest(await call(app, 'POST', `/v1/orders/${orderId}/cancel`, request));
    expect(await outboxCount('order.cancel', customer.id)).toBe(1);
    expect((await call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth })).body.status).toBe('placed');
  });

  it('an extension, and its retry under the same Idempotency-Key', async () => {
    const customer = await createCustomer(app);
    const orderId = await placedOrder(customer);
    const request = { headers: { ...customer.auth, 'idempotency-key': newId() }, body: { duration: 'P1W' } };
    const pending = call(app, 'POST', `/v1/orders/${orderId}/extensions`, request);
    const command = await nextCommand<{ extensionId: string }>('order.extend', customer);
    await publish(app, orderExtensionRejectedV1, orderId, {
      orderId,
      customerId: customer.id,
      extensionId: command.payload.extensionId,
      reason: 'invalid_request',
      detail: DETAIL,
    });
    expectInvalidRequest(await pending);
    expectInvalidRequest(await call(app, 'POST', `/v1/orders/${orderId}/extensions`, request));
    expect(await outboxCount('order.extend', customer.id)).toBe(1);
  });
});
