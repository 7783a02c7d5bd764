import { orderPlacedV1 } from '@rental/contracts';
import { AdjustableClock } from '../../../test/support/adjustable-clock';
import { eventually } from '../../../test/support/isolation';
import type { ServiceApp } from '../../../test/support/service-app';
import { ADMIN_TOKEN, call, createCustomer, newId, orderPlacedFor, publish, startGateway, type TestCustomer } from './gateway-test-kit';

/**
 * A customer's API keys (list, create, revoke, rotate, expiry) and an operator's view of them; the
 * cap on open timelines per key; the body limit and the security headers of the public API.
 */
const HOUR_MS = 3_600_000;
const MAX_STREAMS = 2;
const clock = new AdjustableClock(new Date('2026-12-01T09:00:00Z'));
const admin = { 'x-admin-token': ADMIN_TOKEN };

let app: ServiceApp;

beforeAll(async () => {
  app = await startGateway({ GATEWAY_MAX_STREAMS_PER_KEY: String(MAX_STREAMS), GATEWAY_FEED_POLL_MS: '60000' }, { clock });
});

afterAll(async () => {
  await app?.close();
});

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const invoicesWith = async (key: string) => call(app, 'GET', '/v1/invoices', { headers: bearer(key) });

async function createKey(customer: TestCustomer, body: Record<string, unknown> = {}) {
  const created = await call(app, 'POST', '/v1/api-keys', { headers: customer.auth, body });
  expect(created.status).toBe(201);
  return created.body as { id: string; apiKey: string; keyPrefix: string; status: string; expiresAt?: string };
}

describe("a customer's own API keys", () => {
  it('lists its keys, marking the one in use; a new key is shown once and works at once; the list never shows a secret', async () => {
    const customer = await createCustomer(app);
    const first = await call(app, 'GET', '/v1/api-keys', { headers: customer.auth });
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual([
      {
        id: expect.any(String),
        keyPrefix: customer.apiKey.slice(0, 12),
        status: 'active',
        createdAt: expect.stringMatching(/^2026-12-01T09:\d\d:\d\d\.\d{3}Z$/),
        current: true,
      },
    ]);

    const second = await createKey(customer);
    expect(second).toEqual({
      id: expect.any(String),
      apiKey: expect.stringMatching(/^rk_live_[A-Za-z0-9_-]{43}$/),
      keyPrefix: second.apiKey.slice(0, 12),
      status: 'active',
      createdAt: expect.any(String),
    });
    expect((await invoicesWith(second.apiKey)).status).toBe(200);
    const listed = await call(app, 'GET', '/v1/api-keys', { headers: bearer(second.apiKey) });
    expect(listed.body.data.map((k: { id: string; current: boolean }) => [k.id, k.current])).toEqual([
      [first.body.data[0].id, false],
      [second.id, true],
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(second.apiKey);
  });

  it('revokes a key: refused with 401 api_key_revoked from the next request on; the key in use may go, the only active key may not', async () => {
    const customer = await createCustomer(app);
    const spare = await createKey(customer);

    // The key of this very request: allowed, since the spare stays active.
    const own = (await call(app, 'GET', '/v1/api-keys', { headers: customer.auth })).body.data[0];
    const revoked = await call(app, 'DELETE', `/v1/api-keys/${own.id}`, { headers: customer.auth });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: own.id, status: 'revoked', revokedAt: expect.stringMatching(/^2026-12-01T09:/) });
    const refused = await invoicesWith(customer.apiKey);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toEqual({ code: 'api_key_revoked', message: expect.stringContaining('revoked') });
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="rental"');

    // The spare is now the only active key.
    const last = await call(app, 'DELETE', `/v1/api-keys/${spare.id}`, { headers: bearer(spare.apiKey) });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_api_key');
    expect((await invoicesWith(spare.apiKey)).status).toBe(200);
    // Revoking a revoked key again answers it as it is.
    const again = await call(app, 'DELETE', `/v1/api-keys/${own.id}`, { headers: bearer(spare.apiKey) });
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
  });

  it("answers another customer's key id with 404, and leaves that key working", async () => {
    const customer = await createCustomer(app);
    const other = await createCustomer(app, { email: 'ops@other.example' });
    const othersKey = (await call(app, 'GET', '/v1/api-keys', { headers: other.auth })).body.data[0].id;
    for (const [method, path] of [
      ['DELETE', `/v1/api-keys/${othersKey}`],
      ['POST', `/v1/api-keys/${othersKey}/rotate`],
      ['DELETE', `/v1/api-keys/${newId()}`],
      ['DELETE', '/v1/api-keys/not-a-uuid'],
    ]) {
      const answer = await call(app, method, path, { headers: customer.auth });
      expect([path, answer.status, answer.body.error.code]).toEqual([path, 404, 'not_found']);
    }
    expect((await invoicesWith(other.apiKey)).status).toBe(200);
  });

  it('rotates a key: the new secret works, the old one is refused at once, and the new one expires when the old would have', async () => {
    const customer = await createCustomer(app);
    const expiring = await createKey(customer, { expiresAt: '2027-01-01T00:00:00Z' });
    const rotated = await call(app, 'POST', `/v1/api-keys/${expiring.id}/rotate`, { headers: customer.auth });
    expect(rotated.status).toBe(201);
    expect(rotated.body).toMatchObject({
      status: 'active',
      expiresAt: '2027-01-01T00:00:00.000Z',
      apiKey: expect.stringMatching(/^rk_live_/),
      replaced: { id: expiring.id, status: 'revoked' },
    });
    expect(rotated.body.id).not.toBe(expiring.id);
    expect((await invoicesWith(rotated.body.apiKey)).status).toBe(200);
    expect((await invoicesWith(expiring.apiKey)).body.error.code).toBe('api_key_revoked');
    const again = await call(app, 'POST', `/v1/api-keys/${expiring.id}/rotate`, { headers: customer.auth });
    expect([again.status, again.body.error.code]).toEqual([409, 'api_key_not_active']);
  });

  it('lets a key expire: 401 api_key_expired naming when, once its time has come; an expiry in the past is refused', async () => {
    const customer = await createCustomer(app);
    const expiresAt = new Date(clock.now().getTime() + HOUR_MS).toISOString();
    const short = await createKey(customer, { expiresAt });
    expect(short.expiresAt).toBe(expiresAt);
    expect((await invoicesWith(short.apiKey)).status).toBe(200);

    clock.advance(HOUR_MS);
    const refused = await invoicesWith(short.apiKey);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toEqual({ code: 'api_key_expired', message: expect.stringContaining(`expired at ${expiresAt}`) });
    const listed = await call(app, 'GET', '/v1/api-keys', { headers: customer.auth });
    expect(listed.body.data.find((k: { id: string }) => k.id === short.id).status).toBe('expired');

    const past = await call(app, 'POST', '/v1/api-keys', { headers: customer.auth, body: { expiresAt: '2026-01-01T00:00:00Z' } });
    expect(past.status).toBe(400);
    expect(past.body.error).toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'expiresAt', problems: [expect.stringContaining('must be after')] }],
    });
    const malformed = await call(app, 'POST', '/v1/api-keys', { headers: customer.auth, body: { expiresAt: 'tomorrow' } });
    expect(malformed.status).toBe(400);
  });
});

describe("an operator's view of a customer's API keys", () => {
  it('lists, issues with an expiry, rotates and revokes, the last key too; unknown customers and keys answer 404', async () => {
    const customer = await createCustomer(app);
    const listed = await call(app, 'GET', `/v1/admin/customers/${customer.id}/api-keys`, { headers: admin });
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([{ id: expect.any(String), keyPrefix: customer.apiKey.slice(0, 12), status: 'active', createdAt: expect.any(String) }]);
    const keyId = listed.body.data[0].id;

    const issued = await call(app, 'POST', `/v1/admin/customers/${customer.id}/api-keys`, { headers: admin, body: { expiresAt: '2027-06-30T00:00:00Z' } });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ id: expect.any(String), expiresAt: '2027-06-30T00:00:00.000Z', customer: { id: customer.id } });

    const rotated = await call(app, 'POST', `/v1/admin/customers/${customer.id}/api-keys/${issued.body.id}/rotate`, { headers: admin });
    expect(rotated.status).toBe(201);
    expect((await invoicesWith(issued.body.apiKey)).status).toBe(401);
    expect((await invoicesWith(rotated.body.apiKey)).status).toBe(200);

    for (const id of [keyId, rotated.body.id]) {
      expect((await call(app, 'DELETE', `/v1/admin/customers/${customer.id}/api-keys/${id}`, { headers: admin })).status).toBe(200);
    }
    // Every key revoked: the customer is locked out, which is the operator's call to make.
    expect((await invoicesWith(customer.apiKey)).status).toBe(401);
    expect((await invoicesWith(rotated.body.apiKey)).status).toBe(401);

    const other = await createCustomer(app, { email: 'ops@other.example' });
    expect((await call(app, 'DELETE', `/v1/admin/customers/${other.id}/api-keys/${keyId}`, { headers: admin })).status).toBe(404);
    expect((await call(app, 'GET', `/v1/admin/customers/${newId()}/api-keys`, { headers: admin })).status).toBe(404);
    expect((await call(app, 'GET', `/v1/admin/customers/${customer.id}/api-keys`)).status).toBe(401);
  });
});

describe('live timelines per API key', () => {
  it(`holds at most ${MAX_STREAMS} open per key: one more is refused with 429 too_many_streams; another key is served; closing one frees its slot`, async () => {
    const customer = await createCustomer(app);
    const orderId = newId();
    await publish(app, orderPlacedV1, orderId, orderPlacedFor(orderId, customer.id));
    await eventually(
      () => call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth }),
      (a) => a.status === 200,
      30_000,
      'the order in the read model',
    );

    const open = (key: string, signal?: AbortSignal) => fetch(`${app.baseUrl}/v1/orders/${orderId}/events`, { headers: bearer(key), signal });
    const held: AbortController[] = [];
    for (let i = 0; i < MAX_STREAMS; i++) {
      const controller = new AbortController();
      const response = await open(customer.apiKey, controller.signal);
      // The slot is taken before the headers leave: a 200 means the server counts this stream.
      expect(response.status).toBe(200);
      held.push(controller);
    }
    const refused = await open(customer.apiKey);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: { code: 'too_many_streams', message: expect.any(String) } });

    const otherKey = await createKey(customer);
    const served = new AbortController();
    expect((await open(otherKey.apiKey, served.signal)).status).toBe(200);
    served.abort();

    held[0].abort();
    const reopened = await eventually(
      async () => {
        const controller = new AbortController();
        const response = await open(customer.apiKey, controller.signal);
        if (response.status !== 200) await response.body?.cancel();
        return { response, controller };
      },
      ({ response }) => response.status === 200,
      30_000,
      'a slot given back by the closed stream',
    );
    reopened.controller.abort();
    held[1].abort();
  });
});

describe('the public API as a whole', () => {
  it('refuses a JSON body over the limit with 413 payload_too_large, before it is parsed', async () => {
    const customer = await createCustomer(app);
    const answer = await call(app, 'POST', '/v1/quotes', { headers: customer.auth, rawBody: JSON.stringify({ planCode: 'x'.repeat(101 * 1024) }) });
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ error: { code: 'payload_too_large', message: expect.any(String) } });
    // Just under the limit it is read, and refused for what it says.
    const under = await call(app, 'POST', '/v1/quotes', { headers: customer.auth, rawBody: JSON.stringify({ planCode: 'x'.repeat(99 * 1024) }) });
    expect(under.status).toBe(400);
  });

  it("sends helmet's security headers, and no X-Powered-By", async () => {
    for (const path of ['/v1/catalogue', '/v1/orders', '/health/live']) {
      const answer = await call(app, 'GET', path);
      expect([path, answer.headers.get('x-content-type-options')]).toEqual([path, 'nosniff']);
      expect(answer.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(answer.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      expect(answer.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
      expect(answer.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('documents the limits in OpenAPI: 429 with Retry-After on the limited operations, none on the webhook; the key endpoints', async () => {
    const document = (await call(app, 'GET', '/docs-json')).body;
    for (const [path, method] of [
      ['/v1/api-keys', 'get'],
      ['/v1/api-keys', 'post'],
      ['/v1/api-keys/{id}', 'delete'],
      ['/v1/api-keys/{id}/rotate', 'post'],
      ['/v1/orders', 'post'],
      ['/v1/quotes', 'post'],
      ['/v1/catalogue', 'get'],
      ['/v1/admin/customers/{customerId}/api-keys', 'get'],
      ['/v1/admin/customers/{customerId}/api-keys/{keyId}', 'delete'],
      ['/v1/admin/customers/{customerId}/api-keys/{keyId}/rotate', 'post'],
    ]) {
      const responses = document.paths[path][method].responses;
      expect([path, method, responses['429']?.headers?.['Retry-After']?.schema]).toEqual([path, method, { type: 'integer', minimum: 1 }]);
    }
    expect(document.paths['/v1/orders/{id}/events'].get.responses['429'].description).toContain('too_many_streams');
    expect(document.paths['/v1/payment-provider/webhook'].post.responses['429']).toBeUndefined();
    expect(Object.keys(document.components.schemas.ApiKeyRotatedView.properties).sort()).toEqual([
      'apiKey',
      'createdAt',
      'current',
      'expiresAt',
      'id',
      'keyPrefix',
      'replaced',
      'revokedAt',
      'status',
    ]);
  });
});
