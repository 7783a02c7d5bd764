import { randomUUID } from 'node:crypto';
import {
  cataloguePublishedV1,
  type EventDefinition,
  type invoiceBalanceChangedV1,
  invoiceIssuedV1,
  orderPlacedV1,
  orderStatusChangedV1,
  type PayloadOf,
  quoteCreatedV1,
  topicOf,
} from '@rental/contracts';
import type { PlatformOverrides } from '@rental/service-kit';
import { envelopeMessage, produceRaw } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { GatewayModule } from '../src/gateway.module';
import { loadGatewaySettings } from '../src/gateway-settings';
import { configure } from '../src/interface/http/configure-http';

export const ADMIN_TOKEN = 'test-admin-token';
export const WEBHOOK_SECRET = 'test-webhook-secret';

/** The gateway in this process, configured exactly as main.ts does (raw bodies, pipes, filter, OpenAPI); `platform` swaps its clock. */
export function startGateway(env: Record<string, string> = {}, platform: PlatformOverrides = {}): Promise<ServiceApp> {
  const gateway = loadGatewaySettings({ GATEWAY_ADMIN_TOKEN: ADMIN_TOKEN, SANDBOX_WEBHOOK_SECRET: WEBHOOK_SECRET, ...env });
  return startServiceApp('gateway', (config) => GatewayModule.register(config, gateway, platform), {}, undefined, { rawBody: true, configure });
}

// A test reads whatever JSON the API answered and lets its assertions check the shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** One HTTP call; the body is parsed as JSON when it is JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as Answer's default
export async function call<T = any>(
  app: ServiceApp,
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const hasBody = options.body !== undefined || options.rawBody !== undefined;
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
  });
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: body as T };
}

export interface TestCustomer {
  id: string;
  apiKey: string;
  auth: Record<string, string>;
}

export async function createCustomer(app: ServiceApp, overrides: Record<string, unknown> = {}): Promise<TestCustomer> {
  const created = await call(app, 'POST', '/v1/admin/customers', {
    headers: { 'x-admin-token': ADMIN_TOKEN },
    body: {
      name: 'Stroopwafel Logistics B.V.',
      email: 'it@stroopwafel.example',
      language: 'nl',
      country: 'NL',
      kind: 'business',
      vatNumber: 'NL123456789B01',
      ...overrides,
    },
  });
  if (created.status !== 201) throw new Error(`customer not created: ${created.status} ${JSON.stringify(created.body)}`);
  return { id: created.body.customer.id, apiKey: created.body.apiKey, auth: { authorization: `Bearer ${created.body.apiKey}` } };
}

/** Publishes on the topic the definition travels on, as its owner would. */
export function publish<D extends EventDefinition>(app: ServiceApp, definition: D, key: string, payload: PayloadOf<D>): Promise<void> {
  return produceRaw(topicOf(definition, app.topicPrefix), [envelopeMessage(definition, key, payload)]);
}

export type QuoteCreated = PayloadOf<typeof quoteCreatedV1>;

/** The order service's answer to a quote.create it received. */
export function quoteCreatedFor(quoteId: string, customerId: string, overrides: Partial<QuoteCreated> = {}): QuoteCreated {
  return {
    ...(quoteCreatedV1.example as QuoteCreated),
    quoteId,
    customerId,
    validUntil: new Date(Date.now() + 3_600_000).toISOString(),
    ...overrides,
  };
}

export function catalogue(revision: string, publishedAt: string, planCode = 'standard-4'): PayloadOf<typeof cataloguePublishedV1> {
  const example = cataloguePublishedV1.example as PayloadOf<typeof cataloguePublishedV1>;
  return { ...example, revision, publishedAt, plans: example.plans.map((p) => ({ ...p, code: planCode })) };
}

export function invoiceIssuedFor(orderId: string, customerId: string, invoiceNumber: string): PayloadOf<typeof invoiceIssuedV1> {
  return { ...(invoiceIssuedV1.example as PayloadOf<typeof invoiceIssuedV1>), orderId, customerId, invoiceNumber };
}

export type InvoiceBalance = PayloadOf<typeof invoiceBalanceChangedV1>;

/**
 * invoice.balance-changed as billing publishes it with a movement on an invoice's books: the figures
 * after it (the balance follows from them), of an invoice of the example's amount unless given.
 */
export function invoiceBalanceFor(
  orderId: string,
  invoiceNumber: string,
  revision: number,
  books: Partial<Pick<InvoiceBalance, 'invoicedCents' | 'paidCents' | 'creditedCents' | 'refundedCents' | 'payments' | 'extensionId'>>,
): InvoiceBalance {
  const {
    invoicedCents = (invoiceIssuedV1.example as PayloadOf<typeof invoiceIssuedV1>).grossCents,
    paidCents = 0,
    creditedCents = 0,
    refundedCents = 0,
    payments = [],
  } = books;
  return {
    orderId,
    invoiceNumber,
    ...(books.extensionId ? { extensionId: books.extensionId } : {}),
    currency: 'EUR',
    invoicedCents,
    paidCents,
    creditedCents,
    refundedCents,
    balanceCents: invoicedCents - paidCents - creditedCents + refundedCents,
    payments,
    revision,
    changedAt: new Date().toISOString(),
  };
}

export type OrderPlaced = PayloadOf<typeof orderPlacedV1>;
type Status = PayloadOf<typeof orderStatusChangedV1>['to'];

/** order.placed for an order of this customer, placed elsewhere (say, by the web portal): the read model only needs the event. */
export function orderPlacedFor(orderId: string, customerId: string): OrderPlaced {
  const example = orderPlacedV1.example as OrderPlaced;
  return { ...example, orderId, quoteId: randomUUID(), customer: { ...example.customer, customerId }, placedAt: new Date().toISOString() };
}

/** One timeline entry, as the order service publishes it; a note has from equal to to. */
export function publishStatusChanged(
  app: ServiceApp,
  orderId: string,
  customerId: string,
  from: Status | null,
  to: Status,
  trigger: string,
  detail?: string,
): Promise<void> {
  return publish(app, orderStatusChangedV1, orderId, { orderId, customerId, from, to, trigger, at: new Date().toISOString(), ...(detail ? { detail } : {}) });
}

export const newId = (): string => randomUUID();

/** Server-Sent Events read from a live response, one parsed event at a time. */
export class EventStreamReader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  done = false;

  constructor(response: Response) {
    this.reader = response.body!.getReader();
  }

  /** The next event (comments skipped), or undefined when the server ended the stream. */
  async next(): Promise<{ event: string; id?: string; data: string } | undefined> {
    for (;;) {
      const boundary = this.buffer.indexOf('\n\n');
      if (boundary >= 0) {
        const block = this.buffer.slice(0, boundary);
        this.buffer = this.buffer.slice(boundary + 2);
        const fields = block.split('\n').filter((line) => !line.startsWith(':'));
        if (fields.length === 0) continue;
        const value = (name: string) => fields.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        return { event: value('event') ?? 'message', id: value('id'), data: value('data') ?? '' };
      }
      const chunk = await this.reader.read();
      if (chunk.done) {
        this.done = true;
        return undefined;
      }
      this.buffer += this.decoder.decode(chunk.value, { stream: true });
    }
  }

  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}
