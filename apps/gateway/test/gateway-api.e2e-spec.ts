import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  cataloguePublishedV1,
  type EventEnvelope,
  invoiceBalanceChangedV1,
  invoiceIssuedV1,
  invoicePaidV1,
  machineRunningV2,
  orderPlacedV1,
  orderPlaceV1,
  orderRejectedV1,
  orderStatusChangedV1,
  type PayloadOf,
  quoteCreatedV1,
  quoteCreateV1,
  quoteRejectedV1,
  rootPasswordContext,
  topicOf,
} from '@rental/contracts';
import { sealSecret } from '@rental/secrets';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import { readAll } from '../../../test/support/raw-kafka';
import type { ServiceApp } from '../../../test/support/service-app';
import {
  ADMIN_TOKEN,
  call,
  catalogue,
  createCustomer,
  EventStreamReader,
  invoiceBalanceFor,
  invoiceIssuedFor,
  newId,
  publish,
  quoteCreatedFor,
  startGateway,
  type TestCustomer,
} from './gateway-test-kit';

type QuoteCreate = PayloadOf<typeof quoteCreateV1>;
type OrderPlace = PayloadOf<typeof orderPlaceV1>;
type OrderPlaced = PayloadOf<typeof orderPlacedV1>;

const REPLY_TIMEOUT_MS = 5_000;
const FEED_LINGER_MS = 2_000;
// The gateway's own sealing key pair for this run: provisioning would have the public half only.
const SEALING = generateKeyPairSync('x25519');
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl it@stroopwafel';

let app: ServiceApp;
let commands: EventCollector;
const answered = new Set<string>();

beforeAll(async () => {
  // Polls a minute apart: answers and live entries arrive in time only because the event
  // handlers' NOTIFY wakes the waiting requests, which is how the gateway stays fast.
  app = await startGateway({
    GATEWAY_REPLY_TIMEOUT_MS: String(REPLY_TIMEOUT_MS),
    GATEWAY_REPLY_POLL_MS: '60000',
    GATEWAY_FEED_POLL_MS: '60000',
    GATEWAY_FEED_LINGER_MS: String(FEED_LINGER_MS),
    GATEWAY_SECRETS_PRIVATE_KEY: SEALING.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
  commands = await collectEvents([topicOf(quoteCreateV1, app.topicPrefix)]);
});

afterAll(async () => {
  await commands?.stop();
  await app?.close();
});

const quoteRequest = (overrides: Record<string, unknown> = {}) => ({
  planCode: 'standard-4',
  locationCode: 'ams1',
  imageCode: 'debian-12',
  quantity: 2,
  start: '2026-12-01T09:00:00Z',
  duration: 'P1M',
  ...overrides,
});

/** The next command of `type` for this customer that no test has answered yet. */
async function nextCommand<T extends { customer: { customerId: string } }>(
  type: string,
  customer: TestCustomer,
  id: (p: T) => string,
): Promise<EventEnvelope<T>> {
  const command = await commands.waitFor<T>(type, (e) => e.payload.customer.customerId === customer.id && !answered.has(id(e.payload)));
  answered.add(id(command.payload));
  return command;
}

/** POST /v1/quotes, answered as the order service would once the command arrives. */
async function priceQuote(customer: TestCustomer) {
  const pending = call(app, 'POST', '/v1/quotes', { headers: customer.auth, body: quoteRequest() });
  const command = await nextCommand<QuoteCreate>('quote.create', customer, (p) => p.quoteId);
  await publish(app, quoteCreatedV1, command.payload.quoteId, quoteCreatedFor(command.payload.quoteId, customer.id));
  const answer = await pending;
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}

function orderPlacedFor(command: OrderPlace): OrderPlaced {
  return {
    ...(orderPlacedV1.example as OrderPlaced),
    orderId: command.orderId,
    quoteId: command.quoteId,
    customer: command.customer,
    ...(command.sshPublicKey ? { sshPublicKey: command.sshPublicKey } : {}),
    placedAt: new Date().toISOString(),
  };
}

/** Publishes order.placed with its first timeline entry, as the order service does in one transaction. */
async function answerPlaced(command: OrderPlace): Promise<void> {
  await publish(app, orderPlacedV1, command.orderId, orderPlacedFor(command));
  await statusChanged(command.orderId, command.customer.customerId, null, 'placed', 'order_placed');
}

function statusChanged(
  orderId: string,
  customerId: string,
  from: PayloadOf<typeof orderStatusChangedV1>['from'],
  to: PayloadOf<typeof orderStatusChangedV1>['to'],
  trigger: string,
) {
  return publish(app, orderStatusChangedV1, orderId, { orderId, customerId, from, to, trigger, at: new Date().toISOString() });
}

/** A customer with a priced quote and a placed order, through the API. */
async function placedOrder(customer: TestCustomer, body: Record<string, unknown> = {}) {
  const quoteId = await priceQuote(customer);
  const pending = call(app, 'POST', '/v1/orders', { headers: { ...customer.auth, 'idempotency-key': newId() }, body: { quoteId, ...body } });
  const command = await nextCommand<OrderPlace>('order.place', customer, (p) => p.orderId);
  await answerPlaced(command.payload);
  const answer = await pending;
  expect(answer.status).toBe(201);
  return { quoteId, orderId: answer.body.id as string };
}

beforeAll(async () => {
  // order.place travels on the same topic as quote.create (the order service's commands).
  expect(topicOf(orderPlaceV1, app.topicPrefix)).toBe(topicOf(quoteCreateV1, app.topicPrefix));
});

describe('customers and API keys', () => {
  it('lets an operator create a customer whose key is shown once and stored only as its SHA-256', async () => {
    const created = await call(app, 'POST', '/v1/admin/customers', {
      headers: { 'x-admin-token': ADMIN_TOKEN },
      body: { name: 'Jan de Vries', email: 'jan@example.nl', language: 'nl', country: 'nl', kind: 'consumer' },
    });
    expect(created.status).toBe(201);
    expect(created.body.customer).toMatchObject({ name: 'Jan de Vries', email: 'jan@example.nl', language: 'nl', country: 'NL', kind: 'consumer' });
    expect(created.body.apiKey).toMatch(/^rk_live_[A-Za-z0-9_-]{43}$/);

    const { rows } = await app.db.query(`SELECT key_hash, key_prefix FROM gateway_api_keys WHERE customer_id = $1`, [created.body.customer.id]);
    expect(rows).toEqual([{ key_hash: createHash('sha256').update(created.body.apiKey).digest('hex'), key_prefix: created.body.apiKey.slice(0, 12) }]);
    const dump = await app.db.query(`SELECT row_to_json(k)::text AS row FROM gateway_api_keys k`);
    expect(dump.rows.some((r: { row: string }) => r.row.includes(created.body.apiKey))).toBe(false);

    const orders = await call(app, 'GET', '/v1/orders', { headers: { authorization: `Bearer ${created.body.apiKey}` } });
    expect(orders.status).toBe(200);
    expect(orders.body).toEqual({ data: [] });
  });

  it('refuses a wrong or missing admin token with 401', async () => {
    const body = { name: 'X', email: 'x@example.com', language: 'en', country: 'DE', kind: 'consumer' };
    for (const headers of [{ 'x-admin-token': 'wrong-token' }, {}] as Record<string, string>[]) {
      const answer = await call(app, 'POST', '/v1/admin/customers', { headers, body });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthorized');
    }
    const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM gateway_customers WHERE email = 'x@example.com'`);
    expect(rows[0].n).toBe(0);
  });

  it('validates a new customer field by field', async () => {
    const answer = await call(app, 'POST', '/v1/admin/customers', {
      headers: { 'x-admin-token': ADMIN_TOKEN },
      body: { name: '', email: 'not-an-email', language: 'de', country: 'XX', kind: 'consumer', vatNumber: 'NL123456789B01', admin: true },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('validation_failed');
    const fields = answer.body.error.details.map((d: { field: string }) => d.field).sort();
    // A consumer has no VAT number.
    expect(fields).toEqual(['admin', 'country', 'email', 'language', 'name', 'vatNumber']);

    const wrongVat = await call(app, 'POST', '/v1/admin/customers', {
      headers: { 'x-admin-token': ADMIN_TOKEN },
      body: { name: 'GmbH', email: 'a@b.de', language: 'en', country: 'DE', kind: 'business', vatNumber: 'NL123456789B01' },
    });
    expect(wrongVat.status).toBe(400);
    expect(wrongVat.body.error.details).toEqual([{ field: 'vatNumber', problems: [expect.stringContaining('VAT number of DE')] }]);
  });

  it('answers 401 with a clear body for a missing, malformed or unknown API key', async () => {
    for (const headers of [{}, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer rk_live_not-a-real-key' }] as Record<string, string>[]) {
      for (const path of ['/v1/orders', '/v1/invoices', `/v1/quotes/${newId()}`]) {
        const answer = await call(app, 'GET', path, { headers });
        expect(answer.status).toBe(401);
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
        expect(answer.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
      }
    }
  });
});

describe('catalogue', () => {
  it('serves the latest catalogue.published and ignores an older one arriving late', async () => {
    const before = await call(app, 'GET', '/v1/catalogue');
    expect(before.status).toBe(503);
    expect(before.body.error.code).toBe('catalogue_unavailable');

    await publish(app, cataloguePublishedV1, 'catalogue', catalogue('rev-2', '2026-11-25T08:00:00Z', 'standard-4'));
    const served = await eventually(
      () => call(app, 'GET', '/v1/catalogue'),
      (a) => a.status === 200,
      30_000,
      'the catalogue',
    );
    expect(served.body).toMatchObject({
      revision: 'rev-2',
      currency: 'EUR',
      plans: [{ code: 'standard-4', resources: { vcpu: 4, memoryMb: 8192, diskGb: 160 }, perDayCents: 550, perWeekCents: 3300, perMonthCents: 9900 }],
      locations: [{ code: 'ams1', images: ['debian-12', 'ubuntu-24.04'] }],
    });

    await publish(app, cataloguePublishedV1, 'catalogue', catalogue('rev-1', '2026-11-24T08:00:00Z', 'old-plan'));
    await publish(app, cataloguePublishedV1, 'catalogue', catalogue('rev-3', '2026-11-26T08:00:00Z', 'standard-8'));
    const latest = await eventually(
      () => call(app, 'GET', '/v1/catalogue'),
      (a) => a.body.revision === 'rev-3',
      30_000,
      'revision 3',
    );
    expect(latest.body.plans[0].code).toBe('standard-8');
    // rev-1 came before rev-3 on the same partition, so it was applied (and ignored) before rev-3.
    const { rows } = await app.db.query(`SELECT revision FROM gateway_catalogue`);
    expect(rows).toEqual([{ revision: 'rev-3' }]);
  });
});

describe('quotes', () => {
  it('sends quote.create with the customer snapshot and answers 201 when quote.created arrives', async () => {
    const customer = await createCustomer(app);
    const pending = call(app, 'POST', '/v1/quotes', { headers: customer.auth, body: quoteRequest() });
    const command = await nextCommand<QuoteCreate>('quote.create', customer, (p) => p.quoteId);
    expect(command.source).toBe('gateway');
    expect(command.key).toBe(command.payload.quoteId);
    expect(command.payload).toEqual({
      quoteId: command.payload.quoteId,
      customer: {
        customerId: customer.id,
        name: 'Stroopwafel Logistics B.V.',
        email: 'it@stroopwafel.example',
        language: 'nl',
        country: 'NL',
        kind: 'business',
        vatNumber: 'NL123456789B01',
      },
      ...quoteRequest(),
    });
    // The same command, read from the topic as the order service will.
    const onTopic = await readAll(topicOf(quoteCreateV1, app.topicPrefix), 1);
    expect(onTopic.some((m) => m.key?.toString() === command.payload.quoteId)).toBe(true);

    const created = quoteCreatedFor(command.payload.quoteId, customer.id);
    await publish(app, quoteCreatedV1, created.quoteId, created);
    const answer = await pending;
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      id: created.quoteId,
      status: 'valid',
      planCode: 'standard-4',
      resources: { vcpu: 4, memoryMb: 8192, diskGb: 160 },
      locationCode: 'ams1',
      imageCode: 'debian-12',
      quantity: 2,
      period: { start: '2026-12-01T09:00:00.000Z', end: '2026-12-31T09:00:00.000Z' },
      billableDays: 30,
      price: created.price,
      validUntil: new Date(created.validUntil).toISOString(),
    });

    const read = await call(app, 'GET', `/v1/quotes/${created.quoteId}`, { headers: customer.auth });
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(created.quoteId);
    const stranger = await createCustomer(app, { email: 'stranger@example.com' });
    expect((await call(app, 'GET', `/v1/quotes/${created.quoteId}`, { headers: stranger.auth })).status).toBe(404);
    expect((await call(app, 'GET', '/v1/quotes/not-a-uuid', { headers: customer.auth })).status).toBe(404);
  });

  it('answers 422 with the reason as the code when quote.rejected arrives', async () => {
    const customer = await createCustomer(app);
    const pending = call(app, 'POST', '/v1/quotes', { headers: customer.auth, body: quoteRequest({ planCode: 'mega-128' }) });
    const command = await nextCommand<QuoteCreate>('quote.create', customer, (p) => p.quoteId);
    await publish(app, quoteRejectedV1, command.payload.quoteId, {
      quoteId: command.payload.quoteId,
      customerId: customer.id,
      reason: 'unknown_plan',
      detail: 'there is no plan "mega-128"',
    });
    const answer = await pending;
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ error: { code: 'unknown_plan', message: 'there is no plan "mega-128"' } });
    expect((await call(app, 'GET', `/v1/quotes/${command.payload.quoteId}`, { headers: customer.auth })).status).toBe(404);
  });

  it('answers 504 reply_timeout when no answer comes in time', async () => {
    const customer = await createCustomer(app);
    // A monotonic clock: a wall-clock step (NTP, a shifted test clock) would make the gap meaningless.
    const started = performance.now();
    const answer = await call(app, 'POST', '/v1/quotes', { headers: customer.auth, body: quoteRequest() });
    expect(answer.status).toBe(504);
    expect(answer.body.error.code).toBe('reply_timeout');
    expect(performance.now() - started).toBeGreaterThanOrEqual(REPLY_TIMEOUT_MS - 100);
    await nextCommand<QuoteCreate>('quote.create', customer, (p) => p.quoteId);
  });

  it('refuses invalid requests with 400 and the details, never a 500, and sends nothing', async () => {
    const customer = await createCustomer(app);
    const cases: [Record<string, unknown>, string[]][] = [
      [quoteRequest({ quantity: 0 }), ['quantity']],
      [quoteRequest({ quantity: 2.5, planCode: 7 }), ['planCode', 'quantity']],
      [quoteRequest({ end: '2026-12-31T09:00:00Z' }), ['end']],
      [quoteRequest({ duration: undefined }), ['end']],
      [quoteRequest({ start: '2026-12-01' }), ['start']],
      [quoteRequest({ duration: '1 month' }), ['duration']],
      [quoteRequest({ discount: 100 }), ['discount']],
    ];
    for (const [body, fields] of cases) {
      const answer = await call(app, 'POST', '/v1/quotes', { headers: customer.auth, body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
      expect(answer.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(fields);
    }
    const malformed = await call(app, 'POST', '/v1/quotes', { headers: customer.auth, rawBody: '{"planCode": "standard-4",' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
    const array = await call(app, 'POST', '/v1/quotes', { headers: customer.auth, rawBody: '[1,2]' });
    expect(array.status).toBe(400);

    const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE value::jsonb -> 'customer' ->> 'customerId' = $1`, [
      customer.id,
    ]);
    expect(rows[0].n).toBe(0);
  });
});

describe('orders', () => {
  it('places an order once per Idempotency-Key: same body, same order and one command; other body 422; no key 400', async () => {
    const customer = await createCustomer(app);
    const quoteId = await priceQuote(customer);
    const key = `order-${newId()}`;
    const headers = { ...customer.auth, 'idempotency-key': key };

    const missing = await call(app, 'POST', '/v1/orders', { headers: customer.auth, body: { quoteId } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('idempotency_key_required');

    const first = call(app, 'POST', '/v1/orders', { headers, body: { quoteId, sshPublicKey: SSH_KEY } });
    const command = await nextCommand<OrderPlace>('order.place', customer, (p) => p.orderId);
    expect(command.payload).toEqual({
      orderId: command.payload.orderId,
      quoteId,
      sshPublicKey: SSH_KEY,
      customer: expect.objectContaining({ customerId: customer.id }),
    });
    await answerPlaced(command.payload);
    const placed = await first;
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ id: command.payload.orderId, quoteId, status: 'placed', planCode: 'standard-4', quantity: 2 });
    expect(placed.headers.get('idempotent-replayed')).toBeNull();

    // A retry with the body's keys in another order is the same request.
    const again = await call(app, 'POST', '/v1/orders', { headers, rawBody: JSON.stringify({ sshPublicKey: SSH_KEY, quoteId }) });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(placed.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const other = await call(app, 'POST', '/v1/orders', { headers, body: { quoteId } });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');

    const { rows } = await app.db.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE event_type = 'order.place' AND key = $1`, [placed.body.id]);
    expect(rows[0].n).toBe(1);
    // On the topic: every command the outbox holds, read back, has this order once.
    const total = await app.db.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE topic = $1`, [topicOf(orderPlaceV1, app.topicPrefix)]);
    const onTopic = await readAll(topicOf(orderPlaceV1, app.topicPrefix), total.rows[0].n);
    expect(onTopic.filter((m) => m.key?.toString() === placed.body.id)).toHaveLength(1);
  });

  it('answers 422 with the reason when order.rejected arrives, and again on a retry', async () => {
    const customer = await createCustomer(app);
    const quoteId = await priceQuote(customer);
    const headers = { ...customer.auth, 'idempotency-key': newId() };
    const pending = call(app, 'POST', '/v1/orders', { headers, body: { quoteId } });
    const command = await nextCommand<OrderPlace>('order.place', customer, (p) => p.orderId);
    await publish(app, orderRejectedV1, command.payload.orderId, {
      orderId: command.payload.orderId,
      quoteId,
      customerId: customer.id,
      reason: 'quote_expired',
      detail: 'the quote was valid until 2026-11-26T09:00:00Z',
    });
    const answer = await pending;
    expect(answer.status).toBe(422);
    expect(answer.body.error).toEqual({ code: 'quote_expired', message: 'the quote was valid until 2026-11-26T09:00:00Z' });
    const retry = await call(app, 'POST', '/v1/orders', { headers, body: { quoteId } });
    expect(retry.status).toBe(422);
    expect(retry.body.error.code).toBe('quote_expired');
  });

  it('answers 409 too_many_unpaid_orders when the order service refuses an order for the unpaid ones the customer holds', async () => {
    const customer = await createCustomer(app);
    const quoteId = await priceQuote(customer);
    const headers = { ...customer.auth, 'idempotency-key': newId() };
    const pending = call(app, 'POST', '/v1/orders', { headers, body: { quoteId } });
    const command = await nextCommand<OrderPlace>('order.place', customer, (p) => p.orderId);
    const detail = '10 orders of yours await payment, and 10 is the most at once; pay or cancel one first';
    await publish(app, orderRejectedV1, command.payload.orderId, {
      orderId: command.payload.orderId,
      quoteId,
      customerId: customer.id,
      reason: 'too_many_unpaid_orders',
      detail,
    });
    const answer = await pending;
    expect(answer.status).toBe(409);
    expect(answer.body.error).toEqual({ code: 'too_many_unpaid_orders', message: detail });
  });

  it("keeps customers apart: another customer's order and quote are not found", async () => {
    const owner = await createCustomer(app);
    const stranger = await createCustomer(app, { email: 'other@example.com' });
    const { quoteId, orderId } = await placedOrder(owner);

    for (const path of [`/v1/orders/${orderId}`, `/v1/orders/${orderId}/events`, `/v1/orders/${newId()}`]) {
      const answer = await call(app, 'GET', path, { headers: stranger.auth });
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
    expect((await call(app, 'GET', '/v1/orders', { headers: stranger.auth })).body.data).toEqual([]);
    const listed = await call(app, 'GET', '/v1/orders', { headers: owner.auth });
    expect(listed.body.data.map((o: { id: string }) => o.id)).toEqual([orderId]);

    const theft = await call(app, 'POST', '/v1/orders', { headers: { ...stranger.auth, 'idempotency-key': newId() }, body: { quoteId } });
    expect(theft.status).toBe(422);
    expect(theft.body.error.code).toBe('quote_not_found');
  });

  it('lists orders newest first, a page at a time', async () => {
    const customer = await createCustomer(app);
    const orderIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const orderId = newId();
      orderIds.push(orderId);
      // Placed elsewhere (say, by the web portal); the read model only needs the event.
      await publish(
        app,
        orderPlacedV1,
        orderId,
        orderPlacedFor({ orderId, quoteId: newId(), customer: { ...(orderPlacedV1.example as OrderPlaced).customer, customerId: customer.id } }),
      );
      await eventually(
        () => call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth }),
        (a) => a.status === 200,
        30_000,
        `order ${i}`,
      );
    }
    const first = await call(app, 'GET', '/v1/orders?limit=2', { headers: customer.auth });
    expect(first.status).toBe(200);
    expect(first.body.data.map((o: { id: string }) => o.id)).toEqual([orderIds[2], orderIds[1]]);
    expect(first.body.nextCursor).toBe(orderIds[1]);
    const second = await call(app, 'GET', `/v1/orders?limit=2&cursor=${first.body.nextCursor}`, { headers: customer.auth });
    expect(second.body).toEqual({ data: [expect.objectContaining({ id: orderIds[0], status: 'placed', totalCents: 23_958 })] });

    for (const query of ['limit=0', 'limit=101', 'limit=two', 'cursor=nope', 'page=2']) {
      const refused = await call(app, 'GET', `/v1/orders?${query}`, { headers: customer.auth });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
  });

  it('shows the timeline, the invoice and the machine from events, never the root password, which is revealed once', async () => {
    const customer = await createCustomer(app);
    const { orderId } = await placedOrder(customer);
    await statusChanged(orderId, customer.id, 'placed', 'awaiting_payment', 'capacity_reserved');
    await publish(app, invoiceIssuedV1, orderId, invoiceIssuedFor(orderId, customer.id, '2026-000101'));
    await statusChanged(orderId, customer.id, 'awaiting_payment', 'paid', 'invoice_paid');
    const paymentId = newId();
    await publish(
      app,
      invoiceBalanceChangedV1,
      orderId,
      invoiceBalanceFor(orderId, '2026-000101', 2, { paidCents: 23_958, payments: [{ paymentId, amountCents: 23_958, paidAt: '2026-11-25T09:20:00Z' }] }),
    );
    await publish(app, invoicePaidV1, orderId, {
      orderId,
      invoiceNumber: '2026-000101',
      paymentId,
      amountCents: 23_958,
      currency: 'EUR',
      paidAt: '2026-11-25T09:20:00Z',
    });
    await statusChanged(orderId, customer.id, 'paid', 'provisioning', 'order_paid');
    const machineId = newId();
    const PASSWORD = 'correct-horse-battery';
    const sealed = sealSecret(PASSWORD, SEALING.publicKey, rootPasswordContext(orderId, machineId));
    await publish(app, machineRunningV2, orderId, {
      orderId,
      machineId,
      hostname: 'debian-1.ams1.rental.example',
      ipAddress: '203.0.113.10',
      access: { method: 'password', rootPasswordSealed: sealed },
      runningSince: '2026-11-25T09:21:30Z',
    });
    await statusChanged(orderId, customer.id, 'provisioning', 'running', 'machines_running');

    // Different producers' topics are consumed independently: wait until all of them are in.
    await eventually(
      () =>
        app.db.query(
          `SELECT (SELECT status FROM gateway_orders WHERE order_id = $1) AS status, (SELECT count(*)::int FROM gateway_machines WHERE order_id = $1) AS machines, (SELECT status FROM gateway_invoices WHERE order_id = $1) AS invoice`,
          [orderId],
        ),
      (r) => r.rows[0].status === 'running' && r.rows[0].machines === 1 && r.rows[0].invoice === 'paid',
      30_000,
      'the read model',
    );

    const first = await call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      id: orderId,
      status: 'running',
      period: { start: '2026-12-01T09:00:00.000Z', end: '2026-12-31T09:00:00.000Z' },
      price: { totalCents: 23_958, vatCents: 4_158 },
      invoice: {
        number: '2026-000101',
        status: 'paid',
        grossCents: 23_958,
        checkoutUrl: expect.stringMatching(/^http/),
        payments: [{ paymentId, amountCents: 23_958, currency: 'EUR', paidAt: '2026-11-25T09:20:00.000Z' }],
      },
      machines: [
        { id: machineId, hostname: 'debian-1.ams1.rental.example', ipAddress: '203.0.113.10', access: { method: 'password', rootPasswordRevealable: true } },
      ],
    });
    expect(first.body.machines[0].access).not.toHaveProperty('rootPassword');
    expect(JSON.stringify(first.body)).not.toContain(PASSWORD);
    expect(first.body.timeline.map((t: { from: string | null; to: string }) => [t.from, t.to])).toEqual([
      [null, 'placed'],
      ['placed', 'awaiting_payment'],
      ['awaiting_payment', 'paid'],
      ['paid', 'provisioning'],
      ['provisioning', 'running'],
    ]);

    // Kept sealed only: no column of the row holds the password in clear.
    const stored = await app.db.query(`SELECT t::text AS row, root_password_sealed FROM gateway_machines t WHERE machine_id = $1`, [machineId]);
    expect(stored.rows[0].root_password_sealed).toEqual(sealed);
    expect(stored.rows[0].row).not.toContain(PASSWORD);

    // Reading the order reveals nothing; another customer, or another order's path, finds no machine.
    expect((await call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth })).body.machines[0].access.rootPasswordRevealable).toBe(true);
    const reveal = (who: TestCustomer, order = orderId, machine = machineId) =>
      call(app, 'POST', `/v1/orders/${order}/machines/${machine}/root-password`, { headers: who.auth });
    const nosy = await createCustomer(app, { email: 'nosy-reveal@example.com' });
    expect(await reveal(nosy)).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await reveal(customer, newId())).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await reveal(customer, orderId, newId())).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(await reveal(customer, orderId, 'not-a-uuid')).toMatchObject({ status: 404 });

    // A sealed password is bound to its machine: copied onto another machine's event, it does not open there.
    const copycat = newId();
    await publish(app, machineRunningV2, orderId, {
      orderId,
      machineId: copycat,
      hostname: 'debian-2.ams1.rental.example',
      ipAddress: '203.0.113.11',
      access: { method: 'password', rootPasswordSealed: sealed },
      runningSince: '2026-11-25T09:22:30Z',
    });
    await eventually(
      () => app.db.query(`SELECT 1 FROM gateway_machines WHERE machine_id = $1`, [copycat]),
      (r) => r.rowCount === 1,
      30_000,
      'the copied machine',
    );
    const replayed = await reveal(customer, orderId, copycat);
    expect(replayed).toMatchObject({ status: 500, body: { error: { code: 'internal_error' } } });
    expect(JSON.stringify(replayed.body)).not.toContain(PASSWORD);

    const revealed = await reveal(customer);
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ rootPassword: PASSWORD });
    expect(revealed.headers.get('cache-control')).toBe('no-store');
    const again = await reveal(customer);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('password_already_revealed');
    expect(JSON.stringify(again.body)).not.toContain(PASSWORD);

    const second = await call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth });
    expect(second.body.machines[0].access).toEqual({ method: 'password', rootPasswordRevealable: false, rootPasswordShownAt: expect.any(String) });
    const { rows } = await app.db.query(`SELECT root_password_sealed, root_password_revealable FROM gateway_machines WHERE machine_id = $1`, [machineId]);
    expect(rows).toEqual([{ root_password_sealed: null, root_password_revealable: false }]);

    const invoices = await call(app, 'GET', '/v1/invoices', { headers: customer.auth });
    expect(invoices.body.data.map((i: { number: string }) => i.number)).toEqual(['2026-000101']);
    expect((await call(app, 'GET', '/v1/invoices/2026-000101', { headers: customer.auth })).body.status).toBe('paid');
    const stranger = await createCustomer(app, { email: 'nosy@example.com' });
    expect((await call(app, 'GET', '/v1/invoices/2026-000101', { headers: stranger.auth })).status).toBe(404);
  });

  it('streams the timeline as Server-Sent Events: the entries so far, then new ones, until the order is over and quiet', async () => {
    const customer = await createCustomer(app);
    const { orderId } = await placedOrder(customer);
    await eventually(
      () => app.db.query(`SELECT count(*)::int AS n FROM gateway_order_timeline WHERE order_id = $1`, [orderId]),
      (r) => r.rows[0].n === 1,
      30_000,
      'the first timeline entry',
    );
    const response = await fetch(`${app.baseUrl}/v1/orders/${orderId}/events`, { headers: customer.auth });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = new EventStreamReader(response);

    const existing = await stream.next();
    expect(existing).toMatchObject({ event: 'timeline', id: expect.stringMatching(/^\d+$/) });
    expect(JSON.parse(existing!.data)).toMatchObject({ from: null, to: 'placed', trigger: 'order_placed' });

    await statusChanged(orderId, customer.id, 'placed', 'awaiting_payment', 'capacity_reserved');
    const live = await stream.next();
    expect(JSON.parse(live!.data)).toMatchObject({ from: 'placed', to: 'awaiting_payment' });
    expect(Number(live!.id)).toBeGreaterThan(Number(existing!.id));

    await statusChanged(orderId, customer.id, 'awaiting_payment', 'cancelled', 'customer_cancelled');
    expect(JSON.parse((await stream.next())!.data)).toMatchObject({ to: 'cancelled' });
    // The settlement follows the final status: its notes still stream, then the quiet ends the stream.
    await statusChanged(orderId, customer.id, 'cancelled', 'cancelled', 'credit_note_issued');
    expect(JSON.parse((await stream.next())!.data)).toMatchObject({ from: 'cancelled', to: 'cancelled', trigger: 'credit_note_issued' });
    expect(await stream.next()).toEqual({ event: 'end', id: undefined, data: JSON.stringify({ status: 'cancelled' }) });
    // The quiet is measured on the database's clock, from when the last entry was applied, as the gateway measures it.
    const quiet = await app.db.query(
      `SELECT EXTRACT(EPOCH FROM clock_timestamp() - recorded_at) * 1000 AS ms FROM gateway_order_timeline WHERE order_id = $1 ORDER BY seq DESC LIMIT 1`,
      [orderId],
    );
    expect(Number(quiet.rows[0].ms)).toBeGreaterThanOrEqual(FEED_LINGER_MS);
    expect(await stream.next()).toBeUndefined();

    // Resuming after the first entry gives the rest only, and ends at once: the finished order has long been quiet.
    const resumed = new EventStreamReader(
      await fetch(`${app.baseUrl}/v1/orders/${orderId}/events`, { headers: { ...customer.auth, 'last-event-id': existing!.id! } }),
    );
    const rest = [await resumed.next(), await resumed.next(), await resumed.next(), await resumed.next()];
    expect(rest.map((e) => (e!.event === 'timeline' ? JSON.parse(e!.data).trigger : e!.event))).toEqual([
      'capacity_reserved',
      'customer_cancelled',
      'credit_note_issued',
      'end',
    ]);
  });
});

describe('OpenAPI', () => {
  it('publishes an OpenAPI 3 document listing the API, with bearer auth', async () => {
    const document = await call(app, 'GET', '/docs-json');
    expect(document.status).toBe(200);
    expect(document.body.openapi).toMatch(/^3\./);
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/orders',
        '/v1/orders/{id}',
        '/v1/orders/{id}/events',
        '/v1/orders/{id}/cancel',
        '/v1/orders/{id}/extensions',
        '/v1/orders/{id}/extensions/{extensionId}',
        '/v1/orders/{id}/machines/{machineId}/root-password',
        '/v1/quotes',
        '/v1/catalogue',
        '/v1/invoices',
        '/v1/payment-provider/webhook',
        '/v1/admin/customers',
      ]),
    );
    const paths = document.body.paths;
    expect(paths['/v1/orders/{id}/cancel'].post.responses).toHaveProperty('409');
    expect(Object.keys(paths['/v1/orders/{id}/machines/{machineId}/root-password'].post.responses).sort()).toEqual(['200', '401', '404', '410', '429']);
    expect(paths['/v1/orders/{id}/cancel'].post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', required: false })]),
    );
    expect(paths['/v1/orders/{id}/extensions'].post.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ExtensionView',
    });
    expect(paths['/v1/orders/{id}/extensions'].post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', required: true })]),
    );
    expect(paths['/v1/orders/{id}/extensions/{extensionId}'].get.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ExtensionView',
    });
    const schemas = document.body.components.schemas;
    expect(Object.keys(schemas.ExtendOrderDto.properties).sort()).toEqual(['duration', 'end']);
    expect(schemas.CancelOrderDto.properties).toHaveProperty('note');
    expect(schemas.ExtensionView.properties.status.enum).toEqual(['awaiting_invoice', 'awaiting_payment', 'paid', 'applied', 'lapsed', 'rejected']);
    expect(Object.keys(schemas.OrderView.properties)).toEqual(
      expect.arrayContaining(['invoice', 'invoices', 'extensions', 'machines', 'cancellation', 'endedAt', 'timeline']),
    );
    expect(Object.keys(schemas.InvoiceView.properties)).toEqual(
      expect.arrayContaining(['paymentAttempts', 'creditNotes', 'refunds', 'paidCents', 'creditedCents', 'refundedCents', 'balanceCents', 'extensionId']),
    );
    expect(schemas.MachineView.properties.state.enum).toEqual(['running', 'deprovisioned']);
    expect(document.body.components.securitySchemes['api-key']).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.body.paths['/v1/orders'].post.security).toEqual([{ 'api-key': [] }]);
    expect(document.body.components.schemas.PlaceOrderDto.properties).toHaveProperty('quoteId');
    const ui = await call(app, 'GET', '/docs');
    expect(ui.status).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});
