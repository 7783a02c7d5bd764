import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type EventDefinition,
  invoiceIssuedV1,
  type orderAcceptedV1,
  type orderCancelledV1,
  type orderEndedV1,
  type orderExtensionAcceptedV1,
  type PayloadOf,
  type paymentRecordV1,
  topicOf,
} from '@rental/contracts';
import { REVERSE_CHARGE_NOTE } from '@rental/vat';
import { AdjustableClock } from '../../../test/support/adjustable-clock';
import type { EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw } from '../../../test/support/raw-kafka';
import type { ServiceApp } from '../../../test/support/service-app';
import { INVOICE_BALANCE_VIOLATIONS_SQL, type InvoiceBooksRow, toInvoiceBooksRow } from '../src/infrastructure/persistence/invoice-books';

/**
 * What billing's integration tests share: the order's events as the order service publishes them,
 * payment.record as the gateway sends it, a stand-in for the gateway's webhook, and ways to wait for
 * and look at what billing did.
 */

/** The year of the kit's clock, which numbers every document these tests issue (no test moves it into another year). */
export const KIT_YEAR = 2026;
/** Billing's clock in a test file: an hour before the kit's rentals start, so no figure depends on the day the tests run. */
export const clock = new AdjustableClock(new Date(`${KIT_YEAR}-12-01T08:00:00Z`));

export type OrderAccepted = PayloadOf<typeof orderAcceptedV1>;
export type ExtensionAccepted = PayloadOf<typeof orderExtensionAcceptedV1>;
export type OrderCancelled = PayloadOf<typeof orderCancelledV1>;
export type OrderEnded = PayloadOf<typeof orderEndedV1>;
export type PaymentRecord = PayloadOf<typeof paymentRecordV1>;
export type InvoiceIssued = PayloadOf<typeof invoiceIssuedV1>;
type Customer = OrderAccepted['customer'];
type Price = OrderAccepted['price'];

export const dutchBusiness = (): Customer => ({
  customerId: randomUUID(),
  name: 'Stroopwafel Logistics B.V.',
  email: 'it@stroopwafel-logistics.example',
  language: 'nl',
  country: 'NL',
  kind: 'business',
  vatNumber: 'NL123456789B01',
});

export const germanBusiness = (): Customer => ({
  customerId: randomUUID(),
  name: 'Beispiel Rechenzentrum GmbH',
  email: 'it@beispiel.example',
  language: 'en',
  country: 'DE',
  kind: 'business',
  vatNumber: 'DE123456789',
});

/** Two machines for one month at 99.00, with Dutch VAT: 198.00 + 41.58 = 239.58. */
export const dutchPrice = (): Price => ({
  currency: 'EUR',
  lines: [{ unit: 'month', units: 1, unitPriceCents: 9_900, lineTotalCents: 9_900 }],
  quantity: 2,
  discountCents: 13_200,
  subtotalCents: 19_800,
  vat: { ratePercent: 21, treatment: 'standard' },
  vatCents: 4_158,
  totalCents: 23_958,
});

/** The same machines for an EU business with a VAT number: reverse charge, no VAT. */
export const reverseChargedPrice = (): Price => ({
  ...dutchPrice(),
  vat: { ratePercent: 0, treatment: 'reverse_charge', note: REVERSE_CHARGE_NOTE },
  vatCents: 0,
  totalCents: 19_800,
});

export function orderAccepted(customer: Customer = dutchBusiness(), price: Price = dutchPrice()): OrderAccepted {
  return {
    orderId: randomUUID(),
    customer,
    description: '2 x standard-4 (4 vCPU, 8 GB, 160 GB) in ams1, debian-12',
    period: { start: '2026-12-01T09:00:00Z', end: '2026-12-31T09:00:00Z' },
    price,
    paymentDueAt: new Date(clock.now().getTime() + 3_600_000).toISOString(),
  };
}

/** A week more for the same two machines: 2 x 33.00 + 21% VAT = 79.86. */
export const weekPrice = (): Price => ({
  currency: 'EUR',
  lines: [{ unit: 'week', units: 1, unitPriceCents: 3_300, lineTotalCents: 3_300 }],
  quantity: 2,
  discountCents: 1_100,
  subtotalCents: 6_600,
  vat: { ratePercent: 21, treatment: 'standard' },
  vatCents: 1_386,
  totalCents: 7_986,
});

/** An extension of `order` by a week from its end, due when the order would end. */
export function extensionAccepted(order: OrderAccepted): ExtensionAccepted {
  return {
    orderId: order.orderId,
    extensionId: randomUUID(),
    customer: order.customer,
    description: 'extension of 2 x standard-4 in ams1 by 7 days',
    period: { start: order.period.end, end: new Date(new Date(order.period.end).getTime() + 7 * 86_400_000).toISOString() },
    price: weekPrice(),
    paymentDueAt: order.period.end,
  };
}

export function orderCancelled(order: OrderAccepted, overrides: Partial<OrderCancelled> = {}): OrderCancelled {
  return {
    orderId: order.orderId,
    customerId: order.customer.customerId,
    reason: 'customer_cancelled',
    detail: 'cancelled in a test',
    settlement: 'full',
    wasRunning: false,
    cancelledAt: clock.now().toISOString(),
    ...overrides,
  };
}

export function orderEnded(order: OrderAccepted, appliedExtensionIds: string[] = []): OrderEnded {
  return { orderId: order.orderId, customerId: order.customer.customerId, endedAt: order.period.end, appliedExtensionIds };
}

/** payment.record for a payment the provider reports as paid in full, under a new provider event. */
export function paidReport(paymentId: string, amountCents: number, currency = 'EUR'): PaymentRecord {
  return { providerEventId: `evt_test_${randomUUID()}`, paymentId, status: 'paid', amountCents, currency, reportedAt: clock.now().toISOString() };
}

/** The sandbox payment id in a checkout URL (…/sandbox/checkout/{paymentId}/{checkoutToken}). */
export const paymentIdOf = (issued: InvoiceIssued): string => issued.checkoutUrl.split('/').at(-2)!;

/** Sends an event or command to billing as its producer would; resolves with the event id. */
export async function send<D extends EventDefinition>(
  billing: ServiceApp,
  definition: D,
  key: string,
  payload: PayloadOf<D>,
  id = randomUUID(),
): Promise<string> {
  await produceRaw(topicOf(definition, billing.topicPrefix), [envelopeMessage(definition, key, payload, { id })]);
  return id;
}

/** Resolves once billing handled (committed) every one of the events. */
export const processed = (billing: ServiceApp, ...ids: string[]) =>
  eventually(
    () => billing.db.query(`SELECT event_id FROM messaging_inbox WHERE event_id = ANY($1)`, [ids]).then((r) => r.rowCount),
    (count) => count === ids.length,
    30_000,
    `events ${ids.join(', ')} to be processed`,
  );

/** invoice.issued for the order itself (no extensionId) or for one extension of it. */
export const issuedFor = (events: EventCollector, orderId: string, extensionId?: string) =>
  events.waitFor<InvoiceIssued>(invoiceIssuedV1.type, (e) => e.payload.orderId === orderId && e.payload.extensionId === extensionId).then((e) => e.payload);

/** Every invoice that breaks the balance invariant, read as another process would: plain SQL on billing's database. */
export const balanceViolations = async (billing: ServiceApp): Promise<InvoiceBooksRow[]> =>
  (await billing.db.query(INVOICE_BALANCE_VIOLATIONS_SQL)).rows.map(toInvoiceBooksRow);

export interface WebhookCall {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
}

export interface FakeGateway {
  readonly webhookUrl: string;
  readonly calls: WebhookCall[];
  close(): Promise<void>;
}

/**
 * A tiny HTTP server in the gateway's place. `answer` decides the status of each call (the first
 * call is number 0), so a test can make the gateway fail and watch the sandbox retry.
 */
export async function startFakeGateway(answer: (call: WebhookCall, index: number) => number = () => 200): Promise<FakeGateway> {
  const calls: WebhookCall[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const call = { headers: request.headers, rawBody: Buffer.concat(chunks).toString('utf8') };
      const status = answer(call, calls.length);
      calls.push(call);
      response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify({ received: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    webhookUrl: `http://127.0.0.1:${port}/v1/payment-provider/webhook`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
