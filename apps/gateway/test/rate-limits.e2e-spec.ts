import { randomBytes } from 'node:crypto';
import type { ServiceApp } from '../../../test/support/service-app';
import { type Answer, call, createCustomer, startGateway, type TestCustomer } from './gateway-test-kit';

/**
 * The request limits of the public API, set low: one key over its limit is refused while another
 * is served, and an address guessing keys is refused with 429s once over its own, not with an
 * endless run of 401s. The window is a minute, so nothing here outlasts it.
 */
const PER_KEY = 5;
const PER_ADDRESS = 60;
const WINDOW_S = 60;

let app: ServiceApp;
/** Every request this file sent to the limited routes from 127.0.0.1: what the address's count is. */
let counted = 0;
let a: TestCustomer;
let b: TestCustomer;

const send = (method: string, path: string, options: Parameters<typeof call>[3] = {}): Promise<Answer> => {
  counted += 1;
  return call(app, method, path, options);
};
const wrongKey = () => ({ authorization: `Bearer rk_live_${randomBytes(32).toString('base64url')}` });

beforeAll(async () => {
  app = await startGateway({
    GATEWAY_RATE_LIMIT_PER_KEY: String(PER_KEY),
    GATEWAY_RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
    GATEWAY_RATE_LIMIT_WINDOW_MS: String(WINDOW_S * 1_000),
  });
  a = await createCustomer(app);
  b = await createCustomer(app, { email: 'ops@other.example' });
  counted += 2;
});

afterAll(async () => {
  await app?.close();
});

function expectRateLimited(answer: Answer, who: RegExp): void {
  expect(answer.status).toBe(429);
  expect(answer.body).toEqual({ error: { code: 'rate_limited', message: expect.stringMatching(who) } });
  const retryAfter = Number(answer.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW_S);
}

describe('rate limits', () => {
  it('refuses a key over its limit with 429 rate_limited and Retry-After, while another key is still served', async () => {
    for (let i = 0; i < PER_KEY; i++) expect((await send('GET', '/v1/invoices', { headers: a.auth })).status).toBe(200);
    // Counted across routes, not per route.
    expectRateLimited(await send('GET', '/v1/orders', { headers: a.auth }), /this API key: at most 5 per 60 s/);
    expectRateLimited(await send('GET', '/v1/invoices', { headers: a.auth }), /this API key/);

    expect((await send('GET', '/v1/invoices', { headers: b.auth })).status).toBe(200);
    // Probes are never limited.
    expect((await call(app, 'GET', '/health/live')).status).toBe(200);
  });

  it('counts failed authentication per address: 2,000 requests with wrong keys get 429s once the address is over, not 2,000 401s', async () => {
    const left = PER_ADDRESS - counted;
    expect(left).toBeGreaterThan(0);
    const statuses: number[] = [];
    // 20 at a time: a burst, as a key-guessing client would send it.
    for (let batch = 0; batch < 100; batch++) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => send('GET', '/v1/orders', { headers: wrongKey() })));
      statuses.push(...answers.map((x) => x.status));
      for (const answer of answers.filter((x) => x.status === 429)) expectRateLimited(answer, /your address: at most 60 per 60 s/);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(left);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2_000 - left);

    // The address is over: a valid key from it waits too; the operator's endpoints as well.
    expectRateLimited(await send('GET', '/v1/invoices', { headers: b.auth }), /your address/);
    expectRateLimited(await send('POST', '/v1/admin/customers', { headers: { 'x-admin-token': 'guess' }, body: {} }), /your address/);
  });

  it('counts the TCP peer when no proxy is trusted: a forged X-Forwarded-For does not make a new client', async () => {
    expectRateLimited(await send('GET', '/v1/catalogue', { headers: { 'x-forwarded-for': '198.51.100.7' } }), /your address/);
  });

  it('never limits the probes or the payment provider: its webhook still reaches its signature check', async () => {
    expect((await call(app, 'GET', '/health/ready')).status).toBe(200);
    const webhook = await call(app, 'POST', '/v1/payment-provider/webhook', { body: { id: 'evt_1' } });
    expect(webhook.status).toBe(401);
    expect(webhook.body.error.code).toBe('invalid_signature');
  });
});

describe('rate limits behind a trusted proxy', () => {
  let proxied: ServiceApp;

  beforeAll(async () => {
    proxied = await startGateway({ GATEWAY_RATE_LIMIT_PER_ADDRESS: '3', GATEWAY_TRUSTED_PROXIES: 'loopback' });
  });

  afterAll(async () => {
    await proxied?.close();
  });

  it('counts each client by the address the proxy names in X-Forwarded-For', async () => {
    const from = (client: string) => call(proxied, 'GET', '/v1/catalogue', { headers: { 'x-forwarded-for': client } });
    for (let i = 0; i < 3; i++) expect((await from('198.51.100.1')).status).not.toBe(429);
    expectRateLimited(await from('198.51.100.1'), /your address: at most 3 per 60 s/);
    expect((await from('198.51.100.2')).status).not.toBe(429);
  });
});
