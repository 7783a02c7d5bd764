import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { orderAcceptedV1, PayloadOf } from '@rental/contracts';
import { REVERSE_CHARGE_NOTE } from '@rental/vat';

/** What billing's integration tests share: order.accepted payloads, and a stand-in for the gateway's webhook. */

export type OrderAccepted = PayloadOf<typeof orderAcceptedV1>;
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
    paymentDueAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
}

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
