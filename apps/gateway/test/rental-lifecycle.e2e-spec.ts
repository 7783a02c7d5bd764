import {
  creditNoteIssuedV1,
  type EventEnvelope,
  invoiceBalanceChangedV1,
  invoiceIssuedV1,
  invoicePaidV1,
  machineDeprovisionedV1,
  machineRunningV1,
  machineRunningV2,
  orderCancellationRejectedV1,
  orderCancelledV1,
  orderCancelV1,
  orderEndedV1,
  orderExtendedV1,
  orderExtendV1,
  orderExtensionAcceptedV1,
  orderExtensionRejectedV1,
  orderPlacedV1,
  type orderStatusChangedV1,
  type PayloadOf,
  paymentFailedV1,
  paymentRefundedV1,
  rootPasswordContext,
  topicOf,
} from '@rental/contracts';
import { DEVELOPMENT_SECRETS_PUBLIC_KEY, readSealingKey, sealSecret } from '@rental/secrets';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import type { ServiceApp } from '../../../test/support/service-app';
import {
  call,
  createCustomer,
  invoiceBalanceFor,
  invoiceIssuedFor,
  newId,
  orderPlacedFor,
  publish,
  publishStatusChanged,
  startGateway,
  type TestCustomer,
} from './gateway-test-kit';

type OrderCancel = PayloadOf<typeof orderCancelV1>;
type OrderExtend = PayloadOf<typeof orderExtendV1>;
type ExtensionAccepted = PayloadOf<typeof orderExtensionAcceptedV1>;
type Status = PayloadOf<typeof orderStatusChangedV1>['to'];

const REPLY_TIMEOUT_MS = 3_000;

let app: ServiceApp;
let commands: EventCollector;
const answered = new Set<string>();

beforeAll(async () => {
  // Polls a minute apart: answers arrive in time only because the event handlers' NOTIFY wakes the waiting requests.
  app = await startGateway({ GATEWAY_REPLY_TIMEOUT_MS: String(REPLY_TIMEOUT_MS), GATEWAY_REPLY_POLL_MS: '60000', GATEWAY_FEED_POLL_MS: '60000' });
  commands = await collectEvents([...new Set([topicOf(orderCancelV1, app.topicPrefix), topicOf(orderExtendV1, app.topicPrefix)])]);
});

afterAll(async () => {
  await commands?.stop();
  await app?.close();
});

/** Whether a pending answer has come. */
function settledFlag(pending: Promise<unknown>): () => boolean {
  let settled = false;
  void pending.finally(() => (settled = true)).catch(() => undefined);
  return () => settled;
}

/** The next command of `type` from this customer that no test has answered yet. */
async function nextCommand<T extends { customerId: string }>(type: string, customer: TestCustomer): Promise<EventEnvelope<T>> {
  const command = await commands.waitFor<T>(type, (e) => e.payload.customerId === customer.id && !answered.has(e.id));
  answered.add(command.id);
  return command;
}

/**
 * A later fact about the order (a timeline note) and its arrival in the read model: it wakes the
 * waiting request again, so a request that answers too early has answered by then.
 */
async function fence(orderId: string, customer: TestCustomer, status: Status): Promise<void> {
  const detail = `fence ${newId()}`;
  await publishStatusChanged(app, orderId, customer.id, status, status, 'test_fence', detail);
  await eventually(
    () => app.db.query(`SELECT 1 FROM gateway_order_timeline WHERE order_id = $1 AND detail = $2`, [orderId, detail]),
    (r) => r.rowCount === 1,
    30_000,
    'the fence',
  );
}

/** A rental of this customer in the read model, in `status`. */
async function orderIn(customer: TestCustomer, status: Status): Promise<string> {
  const orderId = newId();
  await publish(app, orderPlacedV1, orderId, orderPlacedFor(orderId, customer.id));
  await publishStatusChanged(app, orderId, customer.id, null, 'placed', 'order_placed');
  if (status !== 'placed') await publishStatusChanged(app, orderId, customer.id, 'placed', status, 'test_setup');
  await eventually(
    () => orderRow(orderId),
    (row) => row?.status === status,
    30_000,
    `order in ${status}`,
  );
  return orderId;
}

async function orderRow(orderId: string): Promise<Record<string, unknown> | undefined> {
  return (await app.db.query(`SELECT * FROM gateway_orders WHERE order_id = $1`, [orderId])).rows[0];
}

const outboxCount = async (type: string, customerId: string) =>
  (await app.db.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE event_type = $1 AND value::jsonb ->> 'customerId' = $2`, [type, customerId]))
    .rows[0].n;

function extensionAccepted(orderId: string, extensionId: string, customerId: string): ExtensionAccepted {
  const example = orderExtensionAcceptedV1.example as ExtensionAccepted;
  return { ...example, orderId, extensionId, customer: { ...example.customer, customerId } };
}

function extensionInvoice(orderId: string, customerId: string, invoiceNumber: string, extensionId: string) {
  return {
    ...invoiceIssuedFor(orderId, customerId, invoiceNumber),
    extensionId,
    netCents: 6_600,
    vatCents: 1_386,
    grossCents: 7_986,
    issuedAt: '2026-12-20T10:00:02Z',
    dueAt: '2026-12-31T09:00:00Z',
  };
}

describe('cancelling a rental', () => {
  it('sends order.cancel and answers 200 once the cancellation and its status are in; the same Idempotency-Key replays it', async () => {
    const customer = await createCustomer(app);
    const orderId = await orderIn(customer, 'running');
    const machineId = newId();
    await publish(app, machineRunningV1, orderId, {
      orderId,
      machineId,
      hostname: 'debian-1.ams1.rental.example',
      ipAddress: '203.0.113.10',
      access: { method: 'password', rootPassword: 'correct-horse-battery' },
      runningSince: '2026-12-01T09:01:00Z',
    });
    const stored = await eventually(
      () => app.db.query(`SELECT t::text AS row FROM gateway_machines t WHERE machine_id = $1`, [machineId]),
      (r) => r.rowCount === 1,
      30_000,
      'the machine',
    );
    expect(stored.rows[0].row).toContain('x25519-hkdf-sha256-aes-256-gcm');
    expect(stored.rows[0].row).not.toContain('correct-horse-battery');

    const headers = { ...customer.auth, 'idempotency-key': `cancel-${newId()}` };
    const pending = call(app, 'POST', `/v1/orders/${orderId}/cancel`, { headers, body: { note: 'migration finished early' } });
    const settled = settledFlag(pending);
    const command = await nextCommand<OrderCancel>('order.cancel', customer);
    expect(command.key).toBe(orderId);
    expect(command.payload).toEqual({
      orderId,
      customerId: customer.id,
      requestId: expect.any(String),
      requestedAt: expect.any(String),
      note: 'migration finished early',
    });

    await publish(app, orderCancelledV1, orderId, {
      orderId,
      customerId: customer.id,
      reason: 'customer_cancelled',
      detail: 'cancelled by the customer while running: migration finished early',
      settlement: 'unused_days',
      wasRunning: true,
      requestId: command.payload.requestId,
      cancelledAt: '2026-12-10T14:00:01Z',
    });
    await eventually(
      () => orderRow(orderId),
      (row) => row?.cancellation_request_id === command.payload.requestId,
      30_000,
      'the cancellation',
    );
    // The status change is a separate event: the answer waits for it rather than show a cancelled rental as running.
    await fence(orderId, customer, 'running');
    expect(settled()).toBe(false);
    await publishStatusChanged(app, orderId, customer.id, 'running', 'deprovisioning', 'customer_cancelled');

    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('idempotent-replayed')).toBeNull();
    expect(answer.body).toMatchObject({
      id: orderId,
      status: 'deprovisioning',
      cancellation: {
        reason: 'customer_cancelled',
        detail: 'cancelled by the customer while running: migration finished early',
        settlement: 'unused_days',
        wasRunning: true,
        cancelledAt: '2026-12-10T14:00:01.000Z',
      },
    });

    const again = await call(app, 'POST', `/v1/orders/${orderId}/cancel`, { headers, body: { note: 'migration finished early' } });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ id: orderId, status: 'deprovisioning', cancellation: { reason: 'customer_cancelled' } });
    const other = await call(app, 'POST', `/v1/orders/${orderId}/cancel`, { headers, body: { note: 'another reason' } });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    // The key is the customer's, whatever the endpoint: placing an order with it is another request.
    const placing = await call(app, 'POST', '/v1/orders', { headers, body: { quoteId: newId() } });
    expect(placing.status).toBe(422);
    expect(placing.body.error.code).toBe('idempotency_key_reused');
    expect(await outboxCount('order.cancel', customer.id)).toBe(1);

    // Provisioning wipes the machine; one that came up after the cancellation was never the customer's.
    for (const [id, wasDelivered] of [
      [machineId, true],
      [newId(), false],
    ] as const) {
      await publish(app, machineDeprovisionedV1, orderId, {
        orderId,
        machineId: id,
        hostname: 'debian-1.ams1.rental.example',
        reason: 'order_cancelled',
        wasDelivered,
        deprovisionedAt: '2026-12-10T14:03:00Z',
      });
    }
    await publishStatusChanged(app, orderId, customer.id, 'deprovisioning', 'completed', 'machines_deprovisioned');
    const done = await eventually(
      () => call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth }),
      (a) => a.body.status === 'completed' && a.body.machines[0]?.state === 'deprovisioned',
      30_000,
      'the machine deprovisioned',
    );
    // A v1 (clear password) still in the topic: sealed on arrival, never shown by a read, never stored in clear.
    expect(answer.body.machines).toEqual([
      expect.objectContaining({ id: machineId, state: 'running', access: { method: 'password', rootPasswordRevealable: true } }),
    ]);
    expect(JSON.stringify(answer.body)).not.toContain('correct-horse-battery');
    expect(done.body.machines).toEqual([
      {
        id: machineId,
        hostname: 'debian-1.ams1.rental.example',
        ipAddress: '203.0.113.10',
        access: { method: 'password', rootPasswordRevealable: false },
        runningSince: '2026-12-01T09:01:00.000Z',
        state: 'deprovisioned',
        deprovisionedAt: '2026-12-10T14:03:00.000Z',
        deprovisionReason: 'order_cancelled',
      },
    ]);
  });

  it("answers 409 not_cancellable with the order service's detail, and 404 when the order service does not know the order", async () => {
    const customer = await createCustomer(app);
    const orderId = await orderIn(customer, 'completed');

    const refused = call(app, 'POST', `/v1/orders/${orderId}/cancel`, { headers: customer.auth });
    const command = await nextCommand<OrderCancel>('order.cancel', customer);
    expect(command.payload).not.toHaveProperty('note');
    await publish(app, orderCancellationRejectedV1, orderId, {
      orderId,
      customerId: customer.id,
      requestId: command.payload.requestId,
      reason: 'not_cancellable',
      status: 'completed',
      detail: 'the rental is already completed',
    });
    const answer = await refused;
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: { code: 'not_cancellable', message: 'the rental is already completed' } });

    const unknown = call(app, 'POST', `/v1/orders/${orderId}/cancel`, { headers: customer.auth, body: {} });
    const second = await nextCommand<OrderCancel>('order.cancel', customer);
    await publish(app, orderCancellationRejectedV1, orderId, {
      orderId,
      customerId: customer.id,
      requestId: second.payload.requestId,
      reason: 'order_not_found',
      detail: 'no such order',
    });
    const notFound = await unknown;
    expect(notFound.status).toBe(404);
    expect(notFound.body.error.code).toBe('not_found');
  });

  it("answers 404 for an unknown order, another customer's order or a malformed id, without asking the order service", async () => {
    const owner = await createCustomer(app);
    const stranger = await createCustomer(app, { email: 'stranger@example.com' });
    const orderId = await orderIn(owner, 'running');
    for (const id of [orderId, newId(), 'not-a-uuid']) {
      const answer = await call(app, 'POST', `/v1/orders/${id}/cancel`, { headers: { ...stranger.auth, 'idempotency-key': newId() } });
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
    expect(await outboxCount('order.cancel', stranger.id)).toBe(0);
    const long = await call(app, 'POST', `/v1/orders/${orderId}/cancel`, { headers: owner.auth, body: { note: 'x'.repeat(501) } });
    expect(long.status).toBe(400);
    expect(long.body.error.details.map((d: { field: string }) => d.field)).toEqual(['note']);
  });
});

describe('extending a rental', () => {
  it('answers 201 with the invoice once billing issued it; paid, the extension is applied and the end moves', async () => {
    const customer = await createCustomer(app);
    const orderId = await orderIn(customer, 'running');
    await publish(app, invoiceIssuedV1, orderId, invoiceIssuedFor(orderId, customer.id, '2026-000301'));

    const headers = { ...customer.auth, 'idempotency-key': `extend-${newId()}` };
    const pending = call(app, 'POST', `/v1/orders/${orderId}/extensions`, { headers, body: { duration: 'P1W' } });
    const settled = settledFlag(pending);
    const command = await nextCommand<OrderExtend>('order.extend', customer);
    expect(command.key).toBe(orderId);
    expect(command.payload).toEqual({ orderId, customerId: customer.id, extensionId: expect.any(String), duration: 'P1W', requestedAt: expect.any(String) });
    const { extensionId } = command.payload;

    const accepted = extensionAccepted(orderId, extensionId, customer.id);
    await publish(app, orderExtensionAcceptedV1, orderId, accepted);
    await eventually(
      () => app.db.query(`SELECT 1 FROM gateway_extensions WHERE extension_id = $1`, [extensionId]),
      (r) => r.rowCount === 1,
      30_000,
      'the extension',
    );
    // Priced but not invoiced yet: the answer waits for the checkout URL.
    await fence(orderId, customer, 'running');
    expect(settled()).toBe(false);
    await publish(app, invoiceIssuedV1, orderId, extensionInvoice(orderId, customer.id, '2026-000302', extensionId));

    const answer = await pending;
    expect(answer.status).toBe(201);
    const view = {
      id: extensionId,
      orderId,
      status: 'awaiting_payment',
      description: accepted.description,
      period: { start: '2026-12-31T09:00:00.000Z', end: '2027-01-07T09:00:00.000Z' },
      price: accepted.price,
      paymentDueAt: '2026-12-31T09:00:00.000Z',
      invoice: {
        number: '2026-000302',
        status: 'open',
        grossCents: 7_986,
        currency: 'EUR',
        dueAt: '2026-12-31T09:00:00.000Z',
        checkoutUrl: expect.stringMatching(/^http/),
      },
    };
    expect(answer.body).toEqual(view);

    const again = await call(app, 'POST', `/v1/orders/${orderId}/extensions`, { headers, body: { duration: 'P1W' } });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(view);
    const other = await call(app, 'POST', `/v1/orders/${orderId}/extensions`, { headers, body: { end: '2027-01-07T09:00:00Z' } });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    expect(await outboxCount('order.extend', customer.id)).toBe(1);

    const path = `/v1/orders/${orderId}/extensions/${extensionId}`;
    await publish(app, invoicePaidV1, orderId, {
      orderId,
      invoiceNumber: '2026-000302',
      extensionId,
      paymentId: newId(),
      amountCents: 7_986,
      currency: 'EUR',
      paidAt: '2026-12-20T10:03:00Z',
    });
    await eventually(
      () => call(app, 'GET', path, { headers: customer.auth }),
      (a) => a.body.status === 'paid',
      30_000,
      'the extension paid',
    );
    await publish(app, orderExtendedV1, orderId, {
      orderId,
      customerId: customer.id,
      extensionId,
      invoiceNumber: '2026-000302',
      previousEnd: '2026-12-31T09:00:00Z',
      newEnd: '2027-01-07T09:00:00Z',
      extendedAt: '2026-12-20T10:04:00Z',
    });
    const applied = await eventually(
      () => call(app, 'GET', path, { headers: customer.auth }),
      (a) => a.body.status === 'applied',
      30_000,
      'the extension applied',
    );
    expect(applied.body).toMatchObject({ id: extensionId, appliedAt: '2026-12-20T10:04:00.000Z', invoice: { number: '2026-000302', status: 'paid' } });

    const order = await call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth });
    expect(order.body.period).toEqual({ start: '2026-12-01T09:00:00.000Z', end: '2027-01-07T09:00:00.000Z' });
    expect(order.body.invoice.number).toBe('2026-000301');
    expect(order.body.invoices.map((i: { number: string; extensionId?: string }) => [i.number, i.extensionId])).toEqual([
      ['2026-000301', undefined],
      ['2026-000302', extensionId],
    ]);
    expect(order.body.extensions).toEqual([expect.objectContaining({ id: extensionId, status: 'applied' })]);

    // The rental runs to its new end: the applied extension stays applied.
    await publish(app, orderEndedV1, orderId, { orderId, customerId: customer.id, endedAt: '2027-01-07T09:00:00Z', appliedExtensionIds: [extensionId] });
    const ended = await eventually(
      () => call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth }),
      (a) => a.body.endedAt !== undefined,
      30_000,
      'the end',
    );
    expect(ended.body.endedAt).toBe('2027-01-07T09:00:00.000Z');
    expect(ended.body.extensions[0].status).toBe('applied');

    const stranger = await createCustomer(app, { email: 'nosy@example.com' });
    expect((await call(app, 'GET', path, { headers: stranger.auth })).status).toBe(404);
    expect((await call(app, 'GET', `/v1/orders/${orderId}/extensions/${newId()}`, { headers: customer.auth })).status).toBe(404);
  });

  it('answers without the invoice when billing is slow, and the extension lapses when the rental ends without it', async () => {
    const customer = await createCustomer(app);
    const orderId = await orderIn(customer, 'running');
    const machineId = newId();
    await publish(app, machineRunningV2, orderId, {
      orderId,
      machineId,
      hostname: 'debian-2.ams1.rental.example',
      ipAddress: '203.0.113.11',
      access: {
        method: 'password',
        rootPasswordSealed: sealSecret(
          'never-read-password',
          readSealingKey(DEVELOPMENT_SECRETS_PUBLIC_KEY, 'public'),
          rootPasswordContext(orderId, machineId),
        ),
      },
      runningSince: '2026-12-01T09:01:00Z',
    });
    const pending = call(app, 'POST', `/v1/orders/${orderId}/extensions`, {
      headers: { ...customer.auth, 'idempotency-key': newId() },
      body: { end: '2027-01-07T09:00:00Z' },
    });
    const command = await nextCommand<OrderExtend>('order.extend', customer);
    expect(command.payload).toMatchObject({ end: '2027-01-07T09:00:00Z' });
    expect(command.payload).not.toHaveProperty('duration');
    const { extensionId } = command.payload;
    await publish(app, orderExtensionAcceptedV1, orderId, extensionAccepted(orderId, extensionId, customer.id));

    const answer = await pending;
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ id: extensionId, status: 'awaiting_invoice' });
    expect(answer.body).not.toHaveProperty('invoice');

    const path = `/v1/orders/${orderId}/extensions/${extensionId}`;
    await publish(app, invoiceIssuedV1, orderId, extensionInvoice(orderId, customer.id, '2026-000311', extensionId));
    await eventually(
      () => call(app, 'GET', path, { headers: customer.auth }),
      (a) => a.body.status === 'awaiting_payment',
      30_000,
      'the invoice',
    );
    await publish(app, orderEndedV1, orderId, { orderId, customerId: customer.id, endedAt: '2026-12-31T09:00:00Z', appliedExtensionIds: [] });
    const lapsed = await eventually(
      () => call(app, 'GET', path, { headers: customer.auth }),
      (a) => a.body.status === 'lapsed',
      30_000,
      'the lapse',
    );
    expect(lapsed.body.lapsedAt).toBe('2026-12-31T09:00:00.000Z');

    await publish(app, machineDeprovisionedV1, orderId, {
      orderId,
      machineId,
      hostname: 'debian-2.ams1.rental.example',
      ipAddress: '203.0.113.11',
      reason: 'rental_ended',
      wasDelivered: true,
      deprovisionedAt: '2026-12-31T09:03:00Z',
    });
    const machine = await eventually(
      () => app.db.query(`SELECT deprovisioned_at, root_password_sealed, password_revealed_at FROM gateway_machines WHERE machine_id = $1`, [machineId]),
      (r) => r.rows[0]?.deprovisioned_at !== null && r.rows[0]?.deprovisioned_at !== undefined,
      30_000,
      'the machine deprovisioned',
    );
    // Wiped before the customer read it: the password opens nothing any more and is erased unshown.
    expect(machine.rows[0]).toMatchObject({ root_password_sealed: null, password_revealed_at: null });
    const order = await call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth });
    expect(order.body.period.end).toBe('2026-12-31T09:00:00.000Z');
    expect(order.body.machines).toEqual([
      expect.objectContaining({
        id: machineId,
        state: 'deprovisioned',
        deprovisionReason: 'rental_ended',
        access: { method: 'password', rootPasswordRevealable: false },
      }),
    ]);
    const reveal = await call(app, 'POST', `/v1/orders/${orderId}/machines/${machineId}/root-password`, { headers: customer.auth });
    expect(reveal).toMatchObject({ status: 410, body: { error: { code: 'machine_deprovisioned' } } });
  });

  it('answers 409 or 422 with the reason when the order service refuses an extension', async () => {
    const customer = await createCustomer(app);
    const orderId = await orderIn(customer, 'awaiting_payment');
    const cases = [
      { body: { end: '2027-01-07T09:00:00Z' }, reason: 'not_running', status: 409, detail: 'only a running rental can be extended' },
      { body: { duration: 'P12M' }, reason: 'too_long', status: 422, detail: 'a rental lasts at most 366 days' },
    ] as const;
    for (const { body, reason, status, detail } of cases) {
      const pending = call(app, 'POST', `/v1/orders/${orderId}/extensions`, { headers: { ...customer.auth, 'idempotency-key': newId() }, body });
      const command = await nextCommand<OrderExtend>('order.extend', customer);
      await publish(app, orderExtensionRejectedV1, orderId, { orderId, customerId: customer.id, extensionId: command.payload.extensionId, reason, detail });
      const answer = await pending;
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ error: { code: reason, message: detail } });
      const read = await call(app, 'GET', `/v1/orders/${orderId}/extensions/${command.payload.extensionId}`, { headers: customer.auth });
      expect(read.body).toEqual({ id: command.payload.extensionId, orderId, status: 'rejected', rejection: { reason, detail } });
    }
  });

  it('refuses a bad body or a missing Idempotency-Key with 400, and an unknown order with 404, sending nothing', async () => {
    const customer = await createCustomer(app);
    const orderId = await orderIn(customer, 'running');
    const headers = { ...customer.auth, 'idempotency-key': newId() };
    const cases: [Record<string, unknown>, string[]][] = [
      [{}, ['end']],
      [{ duration: 'P1W', end: '2027-01-07T09:00:00Z' }, ['end']],
      [{ duration: '1 week' }, ['duration']],
      [{ duration: 'P' }, ['duration']],
      [{ end: '2027-01-07' }, ['end']],
      [{ duration: 'P1W', price: 0 }, ['price']],
    ];
    for (const [body, fields] of cases) {
      const answer = await call(app, 'POST', `/v1/orders/${orderId}/extensions`, { headers, body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
      expect(answer.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(fields);
    }
    const keyless = await call(app, 'POST', `/v1/orders/${orderId}/extensions`, { headers: customer.auth, body: { duration: 'P1W' } });
    expect(keyless.status).toBe(400);
    expect(keyless.body.error.code).toBe('idempotency_key_required');
    const unknown = await call(app, 'POST', `/v1/orders/${newId()}/extensions`, { headers, body: { duration: 'P1W' } });
    expect(unknown.status).toBe(404);
    expect(await outboxCount('order.extend', customer.id)).toBe(0);
  });
});

describe("an order's books", () => {
  it('shows every invoice with its failed attempts, payments, credit notes, refunds and balance, and the notes in the timeline', async () => {
    const customer = await createCustomer(app);
    const orderId = await orderIn(customer, 'running');
    const paymentId = newId();
    const extensionId = newId();
    const at = (time: string) => `2026-12-${time}Z`;
    await publish(app, invoiceIssuedV1, orderId, invoiceIssuedFor(orderId, customer.id, '2026-000401'));
    await publish(app, invoiceBalanceChangedV1, orderId, invoiceBalanceFor(orderId, '2026-000401', 1, {}));
    for (const attempt of [1, 2]) {
      await publish(app, paymentFailedV1, orderId, {
        orderId,
        customerId: customer.id,
        invoiceNumber: '2026-000401',
        paymentId: newId(),
        attempt,
        reason: 'card declined: insufficient funds',
        checkoutUrl: 'http://127.0.0.1:3002/sandbox/checkout/1',
        retryUntil: '2026-11-26T09:05:00Z',
        failedAt: at(`01T09:0${attempt}:00`),
      });
    }
    const payment = { paymentId, amountCents: 23_958, paidAt: at('01T09:05:00') };
    await publish(app, invoiceBalanceChangedV1, orderId, invoiceBalanceFor(orderId, '2026-000401', 2, { paidCents: 23_958, payments: [payment] }));
    await publish(app, invoicePaidV1, orderId, {
      orderId,
      invoiceNumber: '2026-000401',
      paymentId,
      amountCents: 23_958,
      currency: 'EUR',
      paidAt: at('01T09:05:00'),
    });
    const extensionBooks = { extensionId, invoicedCents: 7_986 };
    await publish(app, invoiceIssuedV1, orderId, extensionInvoice(orderId, customer.id, '2026-000402', extensionId));
    await publish(app, invoiceBalanceChangedV1, orderId, invoiceBalanceFor(orderId, '2026-000402', 1, extensionBooks));
    const unusedDays: PayloadOf<typeof creditNoteIssuedV1> = {
      orderId,
      customerId: customer.id,
      invoiceNumber: '2026-000401',
      creditNoteNumber: 'CN-2026-000401',
      reason: 'unused_days',
      currency: 'EUR',
      netCents: 9_900,
      vatCents: 2_079,
      grossCents: 11_979,
      invoiceCancelled: false,
      issuedAt: at('16T09:00:01'),
    };
    // Billing credits the unused days and refunds them together: one change of the books.
    await publish(
      app,
      invoiceBalanceChangedV1,
      orderId,
      invoiceBalanceFor(orderId, '2026-000401', 3, { paidCents: 23_958, creditedCents: 11_979, refundedCents: 11_979, payments: [payment] }),
    );
    await publish(app, creditNoteIssuedV1, orderId, unusedDays);
    // A redelivery changes nothing.
    await publish(app, creditNoteIssuedV1, orderId, unusedDays);
    await publish(app, paymentRefundedV1, orderId, {
      orderId,
      customerId: customer.id,
      invoiceNumber: '2026-000401',
      refundNumber: 'RF-2026-000401',
      paymentId,
      reason: 'unused_days',
      amountCents: 11_979,
      currency: 'EUR',
      refundedAt: at('16T09:00:02'),
    });
    await publish(app, invoiceBalanceChangedV1, orderId, invoiceBalanceFor(orderId, '2026-000402', 2, { ...extensionBooks, creditedCents: 7_986 }));
    await publish(app, creditNoteIssuedV1, orderId, {
      ...unusedDays,
      invoiceNumber: '2026-000402',
      creditNoteNumber: 'CN-2026-000402',
      reason: 'extension_unpaid',
      netCents: 6_600,
      vatCents: 1_386,
      grossCents: 7_986,
      invoiceCancelled: true,
    });
    // Paid after it was cancelled: billing refunds it at once, and only the refund tells of it.
    await publish(
      app,
      invoiceBalanceChangedV1,
      orderId,
      invoiceBalanceFor(orderId, '2026-000402', 3, { ...extensionBooks, paidCents: 7_986, creditedCents: 7_986, refundedCents: 7_986 }),
    );
    await publish(app, paymentRefundedV1, orderId, {
      orderId,
      customerId: customer.id,
      invoiceNumber: '2026-000402',
      refundNumber: 'RF-2026-000402',
      paymentId: newId(),
      reason: 'late_payment',
      amountCents: 7_986,
      currency: 'EUR',
      refundedAt: at('17T10:00:00'),
    });
    await publishStatusChanged(app, orderId, customer.id, 'running', 'running', 'payment_refunded', 'RF-2026-000401: 119.79 EUR refunded for unused days');

    const order = await eventually(
      () => call(app, 'GET', `/v1/orders/${orderId}`, { headers: customer.auth }),
      (a) => a.body.invoices?.[1]?.refunds?.length === 1 && a.body.timeline.length === 3,
      30_000,
      'the books',
    );
    const [own, extension] = order.body.invoices;
    expect(own).toMatchObject({
      number: '2026-000401',
      status: 'paid',
      grossCents: 23_958,
      paymentAttempts: [
        {
          attempt: 1,
          paymentId: expect.any(String),
          reason: 'card declined: insufficient funds',
          failedAt: '2026-12-01T09:01:00.000Z',
          retryUntil: '2026-11-26T09:05:00.000Z',
        },
        {
          attempt: 2,
          paymentId: expect.any(String),
          reason: 'card declined: insufficient funds',
          failedAt: '2026-12-01T09:02:00.000Z',
          retryUntil: '2026-11-26T09:05:00.000Z',
        },
      ],
      payments: [{ paymentId, amountCents: 23_958, currency: 'EUR', paidAt: '2026-12-01T09:05:00.000Z' }],
      creditNotes: [
        {
          number: 'CN-2026-000401',
          reason: 'unused_days',
          currency: 'EUR',
          netCents: 9_900,
          vatCents: 2_079,
          grossCents: 11_979,
          cancelsInvoice: false,
          issuedAt: '2026-12-16T09:00:01.000Z',
        },
      ],
      refunds: [{ number: 'RF-2026-000401', paymentId, reason: 'unused_days', amountCents: 11_979, currency: 'EUR', refundedAt: '2026-12-16T09:00:02.000Z' }],
      paidCents: 23_958,
      creditedCents: 11_979,
      refundedCents: 11_979,
      balanceCents: 0,
    });
    expect(extension).toMatchObject({
      number: '2026-000402',
      extensionId,
      status: 'cancelled',
      cancelledAt: '2026-12-16T09:00:01.000Z',
      payments: [],
      creditNotes: [{ number: 'CN-2026-000402', reason: 'extension_unpaid', grossCents: 7_986, cancelsInvoice: true }],
      refunds: [{ number: 'RF-2026-000402', reason: 'late_payment', amountCents: 7_986 }],
      paidCents: 7_986,
      creditedCents: 7_986,
      refundedCents: 7_986,
      balanceCents: 0,
    });
    expect(order.body.timeline[2]).toMatchObject({
      from: 'running',
      to: 'running',
      trigger: 'payment_refunded',
      detail: 'RF-2026-000401: 119.79 EUR refunded for unused days',
    });

    const invoice = await call(app, 'GET', '/v1/invoices/2026-000401', { headers: customer.auth });
    expect(invoice.status).toBe(200);
    expect(invoice.body).toEqual(own);
    const listed = await call(app, 'GET', '/v1/invoices', { headers: customer.auth });
    expect(listed.body.data.map((i: { number: string; balanceCents: number }) => [i.number, i.balanceCents])).toEqual([
      ['2026-000402', 0],
      ['2026-000401', 0],
    ]);
  });
});
