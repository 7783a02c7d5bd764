import { randomUUID } from 'node:crypto';
import { ADMIN_TOKEN } from './platform';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Answer {
  status: number;
  body: Json;
}

export interface QuoteRequest {
  planCode?: string;
  locationCode?: string;
  imageCode?: string;
  quantity?: number;
  start?: string;
  duration?: string;
}

/** One customer of the gateway, as a test drives it: HTTP only, with its own API key. */
export class CustomerClient {
  private constructor(
    private readonly gatewayUrl: string,
    private readonly apiKey: string,
    readonly customerId: string,
    readonly email: string,
  ) {}

  static async register(gatewayUrl: string, overrides: Record<string, unknown> = {}): Promise<CustomerClient> {
    const email = `it+${randomUUID().slice(0, 8)}@stroopwafel-logistics.example`;
    const answer = await request(gatewayUrl, 'POST', '/v1/admin/customers', {
      body: { name: 'Stroopwafel Logistics B.V.', email, language: 'en', country: 'NL', kind: 'business', vatNumber: 'NL123456789B01', ...overrides },
      headers: { 'X-Admin-Token': ADMIN_TOKEN },
    });
    if (answer.status !== 201) throw new Error(`registering a customer answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return new CustomerClient(gatewayUrl, answer.body.apiKey, answer.body.customer.id, email);
  }

  call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return request(this.gatewayUrl, method, path, { body, headers: { Authorization: `Bearer ${this.apiKey}`, ...headers } });
  }

  async quote(overrides: QuoteRequest & { now: Date }): Promise<Json> {
    const { now, ...rest } = overrides;
    const answer = await this.call('POST', '/v1/quotes', {
      planCode: 'standard-4',
      locationCode: 'ams1',
      imageCode: 'debian-12',
      quantity: 1,
      start: new Date(now.getTime() + 60_000).toISOString(),
      duration: 'P30D',
      ...rest,
    });
    if (answer.status !== 201) throw new Error(`quote answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  placeOrder(quoteId: string): Promise<Answer> {
    return this.call('POST', '/v1/orders', { quoteId }, { 'Idempotency-Key': randomUUID() });
  }

  async order(orderId: string): Promise<Json> {
    const answer = await this.call('GET', `/v1/orders/${orderId}`);
    if (answer.status !== 200) throw new Error(`GET order answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Polls the order view until `pass` holds. */
  async until(orderId: string, what: string, pass: (order: Json) => boolean, timeoutMs = 60_000): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await this.order(orderId);
      if (pass(current)) return current;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the order is ${JSON.stringify(current, null, 1).slice(0, 3_000)}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  cancel(orderId: string, idempotencyKey = randomUUID()): Promise<Answer> {
    return this.call('POST', `/v1/orders/${orderId}/cancel`, {}, { 'Idempotency-Key': idempotencyKey });
  }

  /** The order's Server-Sent Events timeline, read until the gateway ends the stream (a final status). */
  async streamedTimeline(orderId: string): Promise<Json[]> {
    const response = await fetch(`${this.gatewayUrl}/v1/orders/${orderId}/events`, {
      headers: { Authorization: `Bearer ${this.apiKey}`, Accept: 'text/event-stream' },
    });
    if (!response.ok || !response.body) throw new Error(`the timeline stream answered ${response.status}`);
    const entries: Json[] = [];
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (event === 'timeline' && data) entries.push(JSON.parse(data));
        if (event === 'end') return entries;
      }
    }
    return entries;
  }

  extend(orderId: string, body: { duration?: string; end?: string }): Promise<Answer> {
    return this.call('POST', `/v1/orders/${orderId}/extensions`, body, { 'Idempotency-Key': randomUUID() });
  }
}

/** The payer at the sandbox checkout (the provider's page, not the gateway). */
export async function checkout(checkoutUrl: string, outcome: 'paid' | 'failed', reason?: string): Promise<number> {
  const response = await fetch(`${checkoutUrl}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(reason === undefined ? { outcome } : { outcome, reason }),
  });
  await response.text();
  return response.status;
}

async function request(base: string, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> }): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
