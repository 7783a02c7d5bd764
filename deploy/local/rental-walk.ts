import { randomUUID } from 'node:crypto';

/**
 * One rental from a new customer to a running machine, through the gateway's HTTP API only, as a
 * customer (and the payment provider's checkout page) would do it. `npm run demo` prints it;
 * the end-to-end test runs it and checks what it saw.
 */
export interface WalkOptions {
  gatewayUrl: string;
  adminToken: string;
  log: (line: string) => void;
  /** How long to wait for the machine before giving up. */
  timeoutMs?: number;
}

export interface WalkResult {
  customer: { id: string; email: string };
  apiKey: string;
  quote: Json;
  order: Json;
  /** The order as GET /v1/orders/{id} showed it once running (never with a root password). */
  running: Json;
  /** Each password machine's root password, by machine id, as its one reveal answered it. */
  rootPasswords: Map<string, string>;
  /** Timeline entries as the SSE stream delivered them. */
  streamed: Json[];
  invoice: Json;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export async function walkThroughRental(options: WalkOptions): Promise<WalkResult> {
  const { gatewayUrl, log } = options;
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return json;
  };

  const email = `it+${randomUUID().slice(0, 8)}@stroopwafel-logistics.example`;
  const { customer, apiKey } = await call(
    'POST',
    '/v1/admin/customers',
    { name: 'Stroopwafel Logistics B.V.', email, language: 'nl', country: 'NL', kind: 'business', vatNumber: 'NL123456789B01' },
    { 'X-Admin-Token': options.adminToken },
  );
  log(`1. customer ${customer.name} registered; API key ${apiKey.slice(0, 12)}… (shown once)`);
  const auth = { Authorization: `Bearer ${apiKey}` };

  const catalogue = await call('GET', '/v1/catalogue');
  log(`2. catalogue: ${catalogue.plans.map((p: Json) => p.code).join(', ')} in ${catalogue.locations.map((l: Json) => l.code).join(', ')}`);

  // From now: a rental that starts later is provisioned only shortly before its start.
  const start = new Date().toISOString();
  const quote = await call(
    'POST',
    '/v1/quotes',
    { planCode: 'standard-4', locationCode: 'ams1', imageCode: 'debian-12', quantity: 2, start, duration: 'P1M' },
    auth,
  );
  log(
    `3. quote ${quote.id}: 2 x standard-4 for ${quote.price.pricedAs} = ${euro(quote.price.subtotalCents)} + VAT ${euro(quote.price.vatCents)} ` +
      `= ${euro(quote.price.totalCents)} (valid until ${quote.validUntil})`,
  );

  const order = await call('POST', '/v1/orders', { quoteId: quote.id }, { ...auth, 'Idempotency-Key': randomUUID() });
  log(`4. order ${order.id} placed`);

  const streamed: Json[] = [];
  const stream = followTimeline(`${gatewayUrl}/v1/orders/${order.id}/events`, auth, (entry) => {
    streamed.push(entry);
    log(`   timeline: ${entry.from ?? '-'} -> ${entry.to} (${entry.trigger})`);
  });

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  const until = async (what: string, pass: (o: Json) => boolean) => {
    for (;;) {
      const current = await call('GET', `/v1/orders/${order.id}`, undefined, auth);
      if (pass(current)) return current;
      if (['rejected', 'cancelled', 'failed'].includes(current.status)) throw new Error(`order ended ${current.status} while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; order is ${current.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const invoiced = await until('the invoice', (o) => o.invoice !== undefined && o.invoice !== null);
  log(`5. invoice ${invoiced.invoice.number}: ${euro(invoiced.invoice.grossCents)} due ${invoiced.invoice.dueAt}; paying at ${invoiced.invoice.checkoutUrl}`);
  // The checkout lives at the provider (another host); call it there, not on the gateway.
  const paid = await fetch(`${invoiced.invoice.checkoutUrl}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome: 'paid' }),
  });
  if (!paid.ok && paid.status !== 409) throw new Error(`the sandbox checkout answered ${paid.status}`);

  const running = await until('the running machines', (o) => o.status === 'running');
  // A generated root password is never in the order: each is revealed once, by its own request.
  const rootPasswords = new Map<string, string>();
  for (const machine of running.machines) {
    if (machine.access.method === 'password') {
      const { rootPassword } = await call('POST', `/v1/orders/${order.id}/machines/${machine.id}/root-password`, undefined, auth);
      rootPasswords.set(machine.id, rootPassword);
    }
    const login =
      machine.access.method === 'password'
        ? `ssh root@${machine.ipAddress}, one-time password ${rootPasswords.get(machine.id)} (revealed once)`
        : `ssh root@${machine.ipAddress} with your key`;
    log(`6. machine ${machine.hostname} runs at ${machine.ipAddress}: ${login}`);
  }
  await stream.done;
  const invoice = await call('GET', `/v1/invoices/${invoiced.invoice.number}`, undefined, auth);
  return { customer: { id: customer.id, email }, apiKey, quote, order, running, rootPasswords, streamed, invoice };
}

function euro(cents: number): string {
  return `EUR ${(cents / 100).toFixed(2)}`;
}

/** Reads the order's Server-Sent Events until the stream ends or the order runs. */
function followTimeline(url: string, headers: Record<string, string>, onEntry: (entry: Json) => void): { done: Promise<void> } {
  const controller = new AbortController();
  const done = (async () => {
    const response = await fetch(url, { headers: { ...headers, Accept: 'text/event-stream' }, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`the timeline stream answered ${response.status}`);
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
        if (event === 'timeline' && data) {
          const entry = JSON.parse(data);
          onEntry(entry);
          // The rental is delivered; the stream would go on until it ends.
          if (entry.to === 'running') {
            controller.abort();
            return;
          }
        }
        if (event === 'end') return;
      }
    }
  })().catch((error: Error) => {
    if (error.name !== 'AbortError') throw error;
  });
  return { done };
}
