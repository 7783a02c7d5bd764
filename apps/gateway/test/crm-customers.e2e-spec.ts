import { createHash, randomUUID } from 'node:crypto';
import {
  bankTransferAppliedV1,
  bankTransferFlaggedV1,
  customerRegisteredV1,
  customerUpdatedV1,
  type EventDefinition,
  invoiceBalanceChangedV1,
  invoiceIssuedV1,
  invoicePaidV1,
  orderPlacedV1,
  type PayloadOf,
  quoteCreatedV1,
  topicOf,
} from '@rental/contracts';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw } from '../../../test/support/raw-kafka';
import type { ServiceApp } from '../../../test/support/service-app';
import {
  ADMIN_TOKEN,
  call,
  createCustomer,
  invoiceBalanceFor,
  invoiceIssuedFor,
  newId,
  orderPlacedFor,
  publish,
  publishStatusChanged,
  quoteCreatedFor,
  startGateway,
} from './gateway-test-kit';

type CustomerRegistered = PayloadOf<typeof customerRegisteredV1>;
type Applied = PayloadOf<typeof bankTransferAppliedV1>;
type Flagged = PayloadOf<typeof bankTransferFlaggedV1>;

let app: ServiceApp;

beforeAll(async () => {
  app = await startGateway({ GATEWAY_REPLY_TIMEOUT_MS: '5000' });
});

afterAll(async () => {
  await app?.close();
});

const admin = { 'x-admin-token': ADMIN_TOKEN };

function registered(customerId: string, overrides: Partial<CustomerRegistered> = {}): CustomerRegistered {
  return { ...(customerRegisteredV1.example as CustomerRegistered), customerId, registeredAt: '2026-11-25T08:30:00Z', ...overrides };
}

/** Publishes with a chosen event id, so the test can tell when the gateway has consumed it. */
async function publishAs<D extends EventDefinition>(definition: D, key: string, payload: PayloadOf<D>): Promise<string> {
  const id = randomUUID();
  await produceRaw(topicOf(definition, app.topicPrefix), [envelopeMessage(definition, key, payload, { id })]);
  return id;
}

const consumed = (eventId: string) =>
  eventually(
    () => app.db.query(`SELECT 1 FROM messaging_inbox WHERE event_id = $1`, [eventId]),
    (r) => r.rowCount === 1,
    30_000,
    `event ${eventId} consumed`,
  );

const customerRow = async (id: string) =>
  (await app.db.query(`SELECT * FROM gateway_customers WHERE id = $1`, [id])).rows[0] as Record<string, unknown> | undefined;

/** A customer the CRM registered, with the API key an operator then issued it. */
async function crmCustomerWithKey(): Promise<{ id: string; auth: Record<string, string> }> {
  const id = newId();
  await publish(app, customerRegisteredV1, id, registered(id));
  await eventually(
    () => customerRow(id),
    (row) => row !== undefined,
    30_000,
    'the CRM customer',
  );
  const issued = await call(app, 'POST', `/v1/admin/customers/${id}/api-keys`, { headers: admin });
  expect(issued.status).toBe(201);
  return { id, auth: { authorization: `Bearer ${issued.body.apiKey}` } };
}

describe('customers from the CRM', () => {
  it('keeps a copy without an API key, follows customer.updated, and ignores an older record sent again', async () => {
    const id = newId();
    await publish(app, customerRegisteredV1, id, registered(id));
    const row = await eventually(
      () => customerRow(id),
      (r) => r !== undefined,
      30_000,
      'the CRM customer',
    );
    expect(row).toMatchObject({
      name: 'Stroopwafel Logistics B.V.',
      email: 'it@stroopwafel-logistics.example',
      language: 'nl',
      country: 'NL',
      kind: 'business',
      vat_number: 'NL123456789B01',
      source: 'crm',
    });
    expect((row!.created_at as Date).toISOString()).toBe('2026-11-25T08:30:00.000Z');
    const keys = await app.db.query(`SELECT count(*)::int AS n FROM gateway_api_keys WHERE customer_id = $1`, [id]);
    expect(keys.rows[0].n).toBe(0);

    const updated: PayloadOf<typeof customerUpdatedV1> = {
      ...(customerUpdatedV1.example as PayloadOf<typeof customerUpdatedV1>),
      customerId: id,
      companyName: 'Stroopwafel Cloud B.V.',
      kind: 'consumer',
      vatNumber: undefined,
      language: 'en',
      contactEmail: 'ops@stroopwafel-cloud.example',
      updatedAt: '2026-11-26T10:00:00Z',
    };
    await publish(app, customerUpdatedV1, id, updated);
    await eventually(
      () => customerRow(id),
      (r) => r?.email === 'ops@stroopwafel-cloud.example',
      30_000,
      'the update',
    );

    // The CRM sends its first record again, under a new event id: it is older than the one applied.
    await consumed(await publishAs(customerRegisteredV1, id, registered(id)));
    expect(await customerRow(id)).toMatchObject({
      name: 'Stroopwafel Cloud B.V.',
      email: 'ops@stroopwafel-cloud.example',
      language: 'en',
      kind: 'consumer',
      vat_number: null,
      created_at: new Date('2026-11-25T08:30:00Z'),
    });
  });

  it('issues an API key (shown once) with which the customer sees the rentals placed for it, and sends its CRM details with its own requests', async () => {
    const id = newId();
    await publish(app, customerRegisteredV1, id, registered(id));
    await eventually(
      () => customerRow(id),
      (r) => r !== undefined,
      30_000,
      'the CRM customer',
    );

    const issued = await call(app, 'POST', `/v1/admin/customers/${id}/api-keys`, { headers: admin });
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      customer: {
        id,
        name: 'Stroopwafel Logistics B.V.',
        email: 'it@stroopwafel-logistics.example',
        language: 'nl',
        country: 'NL',
        kind: 'business',
        vatNumber: 'NL123456789B01',
        createdAt: '2026-11-25T08:30:00.000Z',
        source: 'crm',
      },
      id: expect.any(String),
      apiKey: expect.stringMatching(/^rk_live_[A-Za-z0-9_-]{43}$/),
      keyPrefix: issued.body.apiKey.slice(0, 12),
      createdAt: expect.any(String),
    });
    const stored = await app.db.query(`SELECT id, key_hash FROM gateway_api_keys WHERE customer_id = $1`, [id]);
    expect(stored.rows).toEqual([{ id: issued.body.id, key_hash: createHash('sha256').update(issued.body.apiKey).digest('hex') }]);
    const auth = { authorization: `Bearer ${issued.body.apiKey}` };
    expect((await call(app, 'GET', '/v1/orders', { headers: auth })).body).toEqual({ data: [] });

    // The order service places the rental the CRM requested; its events name the customer like any other order's.
    const orderId = newId();
    await publish(app, orderPlacedV1, orderId, orderPlacedFor(orderId, id));
    await publishStatusChanged(app, orderId, id, null, 'placed', 'order_placed');
    await publishStatusChanged(app, orderId, id, 'placed', 'awaiting_payment', 'capacity_reserved');
    const billingAddress = { line1: 'Kade 1', postalCode: '1011 AA', city: 'Amsterdam', country: 'NL' };
    await publish(app, invoiceIssuedV1, orderId, { ...invoiceIssuedFor(orderId, id, '2026-000301'), paymentReference: 'RENT-2026-000301', billingAddress });
    const order = await eventually(
      () => call(app, 'GET', `/v1/orders/${orderId}`, { headers: auth }),
      (a) => a.status === 200 && a.body.status === 'awaiting_payment' && a.body.invoice !== undefined,
      30_000,
      'the CRM customer’s order',
    );
    expect(order.body).toMatchObject({
      id: orderId,
      invoice: { number: '2026-000301', paymentReference: 'RENT-2026-000301', billingAddress, balanceCents: 23_958 },
    });
    expect((await call(app, 'GET', '/v1/orders', { headers: auth })).body.data.map((o: { id: string }) => o.id)).toEqual([orderId]);
    const stranger = await createCustomer(app, { email: 'stranger@example.com' });
    expect((await call(app, 'GET', `/v1/orders/${orderId}`, { headers: stranger.auth })).status).toBe(404);

    // A second key works beside the first; the customer's own requests carry what the CRM says now.
    const second = await call(app, 'POST', `/v1/admin/customers/${id}/api-keys`, { headers: admin });
    expect(second.status).toBe(201);
    expect(second.body.apiKey).not.toBe(issued.body.apiKey);
    await publish(app, customerUpdatedV1, id, {
      ...(customerUpdatedV1.example as PayloadOf<typeof customerUpdatedV1>),
      customerId: id,
      contactEmail: 'ops@stroopwafel.example',
    });
    await eventually(
      () => customerRow(id),
      (r) => r?.email === 'ops@stroopwafel.example',
      30_000,
      'the update',
    );
    const quoting = call(app, 'POST', '/v1/quotes', {
      headers: { authorization: `Bearer ${second.body.apiKey}` },
      body: { planCode: 'standard-4', locationCode: 'ams1', imageCode: 'debian-12', quantity: 1, start: '2026-12-01T09:00:00Z', duration: 'P1M' },
    });
    const command = await eventually(
      () => app.db.query(`SELECT value FROM messaging_outbox WHERE event_type = 'quote.create' AND value::jsonb -> 'customer' ->> 'customerId' = $1`, [id]),
      (r) => r.rowCount === 1,
      30_000,
      'the quote.create command',
    );
    const quote = JSON.parse(command.rows[0].value);
    expect(quote.customer).toEqual({
      customerId: id,
      name: 'Stroopwafel Logistics B.V.',
      email: 'ops@stroopwafel.example',
      language: 'nl',
      country: 'NL',
      kind: 'business',
      vatNumber: 'NL123456789B01',
    });
    await publish(app, quoteCreatedV1, quote.quoteId, quoteCreatedFor(quote.quoteId, id));
    expect((await quoting).status).toBe(201);
    expect((await call(app, 'GET', '/v1/orders', { headers: auth })).status).toBe(200);
  });

  it('answers 404 for a customer it does not know, and 401 without the admin token; creating a customer works as before', async () => {
    for (const path of [`/v1/admin/customers/${newId()}/api-keys`, '/v1/admin/customers/not-a-uuid/api-keys']) {
      const answer = await call(app, 'POST', path, { headers: admin });
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
    const own = await createCustomer(app, { email: 'own@example.com' });
    const refused = await call(app, 'POST', `/v1/admin/customers/${own.id}/api-keys`, { headers: { 'x-admin-token': 'wrong-token' } });
    expect(refused.status).toBe(401);
    const keys = await app.db.query(`SELECT count(*)::int AS n FROM gateway_api_keys WHERE customer_id = $1`, [own.id]);
    expect(keys.rows[0].n).toBe(1);

    const another = await call(app, 'POST', `/v1/admin/customers/${own.id}/api-keys`, { headers: admin });
    expect(another.status).toBe(201);
    expect(another.body.customer).toMatchObject({ id: own.id, email: 'own@example.com', source: 'gateway' });
    for (const auth of [own.auth, { authorization: `Bearer ${another.body.apiKey}` }]) {
      expect((await call(app, 'GET', '/v1/orders', { headers: auth })).status).toBe(200);
    }
  });

  it('documents the endpoint in OpenAPI', async () => {
    const document = await call(app, 'GET', '/docs-json');
    const operation = document.body.paths['/v1/admin/customers/{customerId}/api-keys'].post;
    expect(operation.security).toEqual([{ 'admin-token': [] }]);
    expect(operation.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiKeyIssuedView' });
    expect(Object.keys(operation.responses).sort()).toEqual(['201', '400', '401', '404', '429']);
    const schemas = document.body.components.schemas;
    expect(Object.keys(schemas.ApiKeyIssuedView.properties).sort()).toEqual(['apiKey', 'createdAt', 'customer', 'expiresAt', 'id', 'keyPrefix']);
    expect(Object.keys(schemas.InvoiceView.properties)).toEqual(expect.arrayContaining(['paymentReference', 'billingAddress', 'bankTransfers']));
    expect(Object.keys(schemas.BankTransferView.properties).sort()).toEqual(
      ['appliedAt', 'appliedCents', 'balanceAfterCents', 'currency', 'flagged', 'outcome', 'receivedCents', 'transferId'].sort(),
    );
  });
});

describe('bank transfers in the invoice view', () => {
  const invoice = (auth: Record<string, string>, number: string) => call(app, 'GET', `/v1/invoices/${number}`, { headers: auth });

  function applied(orderId: string, customerId: string, invoiceNumber: string, overrides: Partial<Applied>): Applied {
    return { ...(bankTransferAppliedV1.example as Applied), orderId, customerId, invoiceNumber, transferId: newId(), ...overrides };
  }

  function flagged(orderId: string, customerId: string, invoiceNumber: string, overrides: Partial<Flagged>): Flagged {
    return {
      ...(bankTransferFlaggedV1.example as Flagged),
      orderId,
      customerId,
      invoiceNumber,
      reference: `RENT-${invoiceNumber}`,
      transferId: newId(),
      ...overrides,
    };
  }

  it('lowers the balance by a partial payment, counts the settling transfer and its invoice.paid once, and shows what will be paid back', async () => {
    const customer = await crmCustomerWithKey();
    const orderId = newId();
    const number = '2026-000401';
    await publish(app, orderPlacedV1, orderId, orderPlacedFor(orderId, customer.id));
    await publish(app, invoiceIssuedV1, orderId, { ...invoiceIssuedFor(orderId, customer.id, number), paymentReference: `RENT-${number}` });
    await publish(app, invoiceBalanceChangedV1, orderId, invoiceBalanceFor(orderId, number, 1, {}));

    const partial = applied(orderId, customer.id, number, {
      appliedCents: 20_000,
      outcome: 'partially_paid',
      balanceCents: 3_958,
      appliedAt: '2026-11-25T11:00:01Z',
    });
    await publish(app, invoiceBalanceChangedV1, orderId, invoiceBalanceFor(orderId, number, 2, { paidCents: 20_000 }));
    await publish(app, bankTransferAppliedV1, orderId, partial);
    const open = await eventually(
      () => invoice(customer.auth, number),
      (a) => a.body.bankTransfers?.length === 1,
      30_000,
      'the partial payment',
    );
    expect(open.body).toMatchObject({ status: 'open', paymentReference: `RENT-${number}`, paidCents: 20_000, balanceCents: 3_958, payments: [] });
    expect(open.body.bankTransfers).toEqual([
      {
        transferId: partial.transferId,
        currency: 'EUR',
        receivedCents: 20_000,
        appliedCents: 20_000,
        outcome: 'partially_paid',
        balanceAfterCents: 3_958,
        appliedAt: '2026-11-25T11:00:01.000Z',
      },
    ]);

    // Finance sends the first transfer again under a new event id; then EUR 50.00 for the EUR 39.58 left: the
    // balance is booked and settles the invoice (with invoice.paid, here for the whole invoice), the rest is flagged.
    await publish(app, bankTransferAppliedV1, orderId, partial);
    const settling = applied(orderId, customer.id, number, { appliedCents: 3_958, outcome: 'settled', balanceCents: 0, appliedAt: '2026-11-26T11:00:01Z' });
    // Billing books the settling transfer once: its invoice.paid adds nothing to the books.
    await publish(app, invoiceBalanceChangedV1, orderId, invoiceBalanceFor(orderId, number, 3, { paidCents: 23_958 }));
    await publish(app, bankTransferAppliedV1, orderId, settling);
    await publish(app, bankTransferFlaggedV1, orderId, {
      ...flagged(orderId, customer.id, number, { reason: 'overpaid', refundableCents: 1_042, detail: 'EUR 50.00 received for a balance of EUR 39.58' }),
      transferId: settling.transferId,
      flaggedAt: '2026-11-26T11:00:01Z',
    });
    await publish(app, invoicePaidV1, orderId, {
      orderId,
      invoiceNumber: number,
      paymentId: newId(),
      amountCents: 23_958,
      currency: 'EUR',
      paidAt: '2026-11-26T11:00:01Z',
    });
    // A later transfer for the paid invoice is flagged whole; one billing could not match belongs to no invoice.
    const late = flagged(orderId, customer.id, number, {
      reason: 'invoice_paid',
      refundableCents: 23_958,
      detail: 'invoice 2026-000401 is paid already',
      flaggedAt: '2026-11-27T09:00:00Z',
    });
    await publish(app, bankTransferFlaggedV1, orderId, late);
    const unmatched = newId();
    await consumed(
      await publishAs(bankTransferFlaggedV1, unmatched, {
        transferId: unmatched,
        reason: 'unknown_reference',
        refundableCents: 5_000,
        currency: 'EUR',
        reference: 'thanks for the servers',
        detail: 'no invoice matches the reference',
        flaggedAt: '2026-11-27T09:00:00Z',
      }),
    );

    const paid = await eventually(
      () => invoice(customer.auth, number),
      (a) => a.body.bankTransfers?.length === 3 && a.body.status === 'paid',
      30_000,
      'the settled invoice',
    );
    expect(paid.body).toMatchObject({ status: 'paid', paidAt: '2026-11-26T11:00:01.000Z', paidCents: 23_958, refundedCents: 0, balanceCents: 0, payments: [] });
    expect(paid.body.bankTransfers).toEqual([
      expect.objectContaining({ transferId: partial.transferId, appliedCents: 20_000, outcome: 'partially_paid' }),
      {
        transferId: settling.transferId,
        currency: 'EUR',
        receivedCents: 5_000,
        appliedCents: 3_958,
        outcome: 'settled',
        balanceAfterCents: 0,
        appliedAt: '2026-11-26T11:00:01.000Z',
        flagged: { reason: 'overpaid', refundableCents: 1_042, detail: 'EUR 50.00 received for a balance of EUR 39.58', flaggedAt: '2026-11-26T11:00:01.000Z' },
      },
      {
        transferId: late.transferId,
        currency: 'EUR',
        receivedCents: 23_958,
        appliedCents: 0,
        flagged: { reason: 'invoice_paid', refundableCents: 23_958, detail: 'invoice 2026-000401 is paid already', flaggedAt: '2026-11-27T09:00:00.000Z' },
      },
    ]);
    const unmatchedRows = await app.db.query(`SELECT count(*)::int AS n FROM gateway_bank_transfers WHERE transfer_id = $1`, [unmatched]);
    expect(unmatchedRows.rows[0].n).toBe(0);

    const viaOrder = await call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth });
    expect(viaOrder.body.invoice).toEqual(paid.body);
  });

  it('adds an online payment of the rest to a partial transfer; an invoice issued without a reference shows none', async () => {
    const customer = await crmCustomerWithKey();
    const orderId = newId();
    const number = '2026-000402';
    const { paymentReference: _, ...issuedBeforeReferences } = invoiceIssuedFor(orderId, customer.id, number);
    await publish(app, invoiceIssuedV1, orderId, issuedBeforeReferences);
    await publish(app, invoiceBalanceChangedV1, orderId, invoiceBalanceFor(orderId, number, 2, { paidCents: 20_000 }));
    await publish(
      app,
      bankTransferAppliedV1,
      orderId,
      applied(orderId, customer.id, number, { appliedCents: 20_000, outcome: 'partially_paid', balanceCents: 3_958 }),
    );
    const paymentId = newId();
    const online = { paymentId, amountCents: 3_958, paidAt: '2026-11-26T12:00:00Z' };
    await publish(app, invoiceBalanceChangedV1, orderId, invoiceBalanceFor(orderId, number, 3, { paidCents: 23_958, payments: [online] }));
    await publish(app, invoicePaidV1, orderId, {
      orderId,
      invoiceNumber: number,
      paymentId,
      amountCents: 3_958,
      currency: 'EUR',
      paidAt: '2026-11-26T12:00:00Z',
    });
    const paid = await eventually(
      () => invoice(customer.auth, number),
      (a) => a.body.status === 'paid' && a.body.bankTransfers?.length === 1,
      30_000,
      'the paid invoice',
    );
    expect(paid.body).toMatchObject({ paidCents: 23_958, balanceCents: 0, payments: [{ paymentId, amountCents: 3_958 }] });
    expect(paid.body.paymentReference).toBeUndefined();
    expect(paid.body.billingAddress).toBeUndefined();
  });
});
