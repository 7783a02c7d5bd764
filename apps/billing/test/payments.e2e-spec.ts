import { createHash, randomUUID } from 'node:crypto';
import {
  deadLetterTopic,
  eventsTopic,
  invoiceIssuedV1,
  invoicePaidV1,
  orderAcceptedV1,
  type PayloadOf,
  paymentFailedV1,
  paymentRecordV1,
  topicOf,
} from '@rental/contracts';
import { DeadLetterHeader } from '@rental/messaging';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '@rental/webhooks';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw, readAll } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { BillingModule } from '../src/billing.module';
import { loadBillingSettings } from '../src/billing-settings';
import { clock, type FakeGateway, orderAccepted, paymentIdOf, startFakeGateway, type WebhookCall } from './billing-test-kit';

type InvoiceIssued = PayloadOf<typeof invoiceIssuedV1>;
type InvoicePaid = PayloadOf<typeof invoicePaidV1>;
type PaymentRecord = PayloadOf<typeof paymentRecordV1>;
type PaymentFailed = PayloadOf<typeof paymentFailedV1>;

const SECRET = 'billing-e2e-webhook-secret';

/**
 * Paying an invoice: the sandbox checkout, its signed webhook to the gateway (a stand-in here), and
 * payment.record as the gateway sends it once it verified the webhook.
 */
describe('billing: payments through the sandbox provider', () => {
  let billing: ServiceApp;
  let gateway: FakeGateway;
  let events: EventCollector;

  const header = (call: WebhookCall, name: string) => call.headers[name.toLowerCase()] as string | undefined;
  const verified = (call: WebhookCall) =>
    verifyWebhook({
      secret: SECRET,
      rawBody: call.rawBody,
      timestamp: header(call, TIMESTAMP_HEADER),
      signature: header(call, SIGNATURE_HEADER),
      now: clock.now(),
    });

  /** An accepted order's invoice.issued, the sandbox payment id from its checkout URL, and that URL on the test's billing. */
  const invoiceAnOrder = async () => {
    const order = orderAccepted();
    await produceRaw(topicOf(orderAcceptedV1, billing.topicPrefix), [envelopeMessage(orderAcceptedV1, order.orderId, order)]);
    const issued = await events.waitFor<InvoiceIssued>(invoiceIssuedV1.type, (e) => e.payload.orderId === order.orderId);
    const checkout = issued.payload.checkoutUrl.replace(/^https?:\/\/[^/]+/, billing.baseUrl);
    return { order, issued: issued.payload, paymentId: paymentIdOf(issued.payload), checkout };
  };
  /** Posts an outcome as the checkout page does, to its checkout URL. */
  const complete = (checkout: string, body: unknown) =>
    fetch(`${checkout}/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  /** Sends payment.record as the gateway does; resolves with the command's event id. */
  const record = async (report: PaymentRecord, id = randomUUID()) => {
    await produceRaw(topicOf(paymentRecordV1, billing.topicPrefix), [envelopeMessage(paymentRecordV1, report.paymentId, report, { id })]);
    return id;
  };
  const processed = (...ids: string[]) =>
    eventually(
      () => billing.db.query(`SELECT event_id FROM messaging_inbox WHERE event_id = ANY($1)`, [ids]).then((r) => r.rowCount),
      (count) => count === ids.length,
      30_000,
      `payment.record ${ids.join(', ')} to be processed`,
    );
  const paidReport = (paymentId: string, issued: InvoiceIssued): PaymentRecord => ({
    providerEventId: `evt_test_${randomUUID()}`,
    paymentId,
    status: 'paid',
    amountCents: issued.grossCents,
    currency: issued.currency,
    reportedAt: clock.now().toISOString(),
  });
  const invoiceOf = async (orderId: string) => (await billing.db.query(`SELECT number, status FROM invoices WHERE order_id = $1`, [orderId])).rows[0];
  const paymentOf = async (paymentId: string) => (await billing.db.query(`SELECT status FROM payments WHERE payment_id = $1`, [paymentId])).rows[0];

  beforeAll(async () => {
    // The gateway is down for the first call, so the sandbox has to retry.
    gateway = await startFakeGateway((_, index) => (index === 0 ? 503 : 200));
    billing = await startServiceApp(
      'billing',
      (config) =>
        BillingModule.register(
          config,
          loadBillingSettings({
            SANDBOX_WEBHOOK_URL: gateway.webhookUrl,
            SANDBOX_WEBHOOK_SECRET: SECRET,
            SANDBOX_WEBHOOK_RETRY_MS: '50',
          }),
          { clock },
        ),
      { CONSUMER_HANDLER_ATTEMPTS: '2' },
    );
    events = await collectEvents([eventsTopic('billing', billing.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await billing?.close();
    await gateway?.close();
  });

  it('serves a checkout page with the amount and the invoice number', async () => {
    const { issued, checkout } = await invoiceAnOrder();
    const page = await fetch(checkout);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain(issued.invoiceNumber);
    expect(html).toContain('EUR 239.58');
    expect(html).toContain('>Pay</button>');
    expect(html).toContain('>Fail</button>');

    const unknown = await fetch(`${billing.baseUrl}/sandbox/checkout/${randomUUID()}/${checkout.split('/').pop()}`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect(await unknown.json()).toMatchObject({ error: { code: 'payment_not_found', message: expect.any(String) } });
  });

  it('calls the gateway webhook on completion, signed, and retries until the gateway answers 2xx; then payment.record settles the invoice', async () => {
    const { order, issued, paymentId, checkout } = await invoiceAnOrder();
    const bad = await complete(checkout, { outcome: 'maybe' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_request', details: [{ field: 'outcome', problems: [expect.any(String)] }] } });
    // What PostgreSQL could not store, or a body deep enough to exhaust a validator's stack, never reaches the sandbox's tables.
    const nul = await complete(checkout, { outcome: 'failed', reason: 'card\u0000declined' });
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({
      error: { code: 'validation_failed', details: [{ field: 'reason', problems: [expect.stringContaining('NUL')] }] },
    });
    const deep = await fetch(`${checkout}/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: `{"outcome":${'['.repeat(2_000)}${']'.repeat(2_000)}}`,
    });
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({ error: { code: 'nested_too_deep', message: expect.any(String) } });

    const completion = await complete(checkout, { outcome: 'paid' });
    expect(completion.status).toBe(200);
    const { eventId } = (await completion.json()) as { eventId: string };
    expect(eventId).toMatch(/^evt_sandbox_/);

    await eventually(
      async () => gateway.calls.length,
      (n) => n >= 2,
      15_000,
      'a second webhook call after the 503',
    );
    const [refused, delivered] = gateway.calls;
    for (const call of [refused, delivered]) {
      expect(verified(call)).toMatchObject({ ok: true });
      expect(header(call, 'content-type')).toBe('application/json');
    }
    // A redelivery carries the same event, so the gateway can deduplicate it.
    expect(delivered.rawBody).toBe(refused.rawBody);
    expect(
      verifyWebhook({
        secret: 'not-the-secret',
        rawBody: delivered.rawBody,
        timestamp: header(delivered, TIMESTAMP_HEADER),
        signature: header(delivered, SIGNATURE_HEADER),
        now: clock.now(),
      }),
    ).toEqual({ ok: false, error: 'bad_signature' });
    const webhook = JSON.parse(delivered.rawBody);
    expect(webhook).toEqual({
      id: eventId,
      type: 'payment.paid',
      paymentId,
      amountCents: 23_958,
      currency: 'EUR',
      occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    await eventually(
      () =>
        billing.db.query(`SELECT webhook_attempts, webhook_delivered_at FROM sandbox_payment_attempts WHERE event_id = $1`, [eventId]).then((r) => r.rows[0]),
      (row) => row.webhook_delivered_at !== null,
      5_000,
      'the delivery to be stored',
    ).then((row) => expect(row.webhook_attempts).toBe(2));

    // The gateway, having verified the call, records the payment.
    await record({
      providerEventId: webhook.id,
      paymentId,
      status: 'paid',
      amountCents: webhook.amountCents,
      currency: webhook.currency,
      reportedAt: webhook.occurredAt,
    });
    const paid = await events.waitFor<InvoicePaid>(invoicePaidV1.type, (e) => e.payload.orderId === order.orderId);
    expect(paid.key).toBe(order.orderId);
    expect(paid.payload).toEqual({
      orderId: order.orderId,
      invoiceNumber: issued.invoiceNumber,
      paymentId,
      amountCents: 23_958,
      currency: 'EUR',
      paidAt: new Date(webhook.occurredAt).toISOString(),
    });
    expect(await invoiceOf(order.orderId)).toEqual({ number: issued.invoiceNumber, status: 'paid' });
    expect(await paymentOf(paymentId)).toEqual({ status: 'paid' });

    // A completed payment stays completed: the same outcome is answered again, another is refused.
    const twice = await complete(checkout, { outcome: 'paid' });
    expect(twice.status).toBe(200);
    expect(await twice.json()).toMatchObject({ eventId });
    const otherwise = await complete(checkout, { outcome: 'failed' });
    expect(otherwise.status).toBe(409);
    expect(await otherwise.json()).toMatchObject({ error: { code: 'payment_already_completed', message: expect.stringContaining('paid already') } });
    expect(gateway.calls).toHaveLength(2);
  });

  it('settles an invoice once when the same payment is reported again', async () => {
    const { order, issued, paymentId } = await invoiceAnOrder();
    const report = paidReport(paymentId, issued);
    // The same command delivered twice (same event id), and the provider's webhook forwarded twice (new command, same provider event).
    const first = await record(report);
    await record(report, first);
    const second = await record(report);
    await processed(first, second);
    await events.waitFor<InvoicePaid>(invoicePaidV1.type, (e) => e.payload.orderId === order.orderId);

    const announced = await billing.db.query(`SELECT 1 FROM messaging_outbox WHERE event_type = 'invoice.paid' AND key = $1`, [order.orderId]);
    expect(announced.rowCount).toBe(1);
    const ledger = await billing.db.query(`SELECT kind FROM invoice_ledger_entries WHERE invoice_number = $1 ORDER BY position`, [issued.invoiceNumber]);
    expect(ledger.rows.map((r) => r.kind)).toEqual(['invoiced', 'payment']);
    const reports = await billing.db.query(`SELECT outcome FROM payment_reports WHERE payment_id = $1`, [paymentId]);
    expect(reports.rows).toEqual([{ outcome: 'applied' }]);
  });

  it('records a failed attempt, keeps the invoice open and tells the customer to try again until the due date, once per provider event', async () => {
    const { order, issued, paymentId } = await invoiceAnOrder();
    const report: PaymentRecord = { ...paidReport(paymentId, issued), status: 'failed', failureReason: 'card declined' };
    const first = await record(report);
    const again = await record(report);
    await processed(first, again);
    const failed = await events.waitFor<PaymentFailed>(paymentFailedV1.type, (e) => e.payload.orderId === order.orderId);
    expect(failed.key).toBe(order.orderId);
    expect(failed.payload).toEqual({
      orderId: order.orderId,
      customerId: order.customer.customerId,
      invoiceNumber: issued.invoiceNumber,
      paymentId,
      attempt: 1,
      reason: 'card declined',
      checkoutUrl: issued.checkoutUrl,
      retryUntil: issued.dueAt,
      failedAt: new Date(report.reportedAt).toISOString(),
    });
    expect(await paymentOf(paymentId)).toEqual({ status: 'failed' });
    expect(await invoiceOf(order.orderId)).toMatchObject({ status: 'open' });
    const reports = await billing.db.query(`SELECT attempt, outcome, failure_reason FROM payment_reports WHERE payment_id = $1`, [paymentId]);
    expect(reports.rows).toEqual([{ attempt: 1, outcome: 'failure_recorded', failure_reason: 'card declined' }]);
    expect((await billing.db.query(`SELECT 1 FROM messaging_outbox WHERE event_type = 'payment.failed' AND key = $1`, [order.orderId])).rowCount).toBe(1);
    expect((await billing.db.query(`SELECT 1 FROM messaging_outbox WHERE event_type = 'invoice.paid' AND key = $1`, [order.orderId])).rowCount).toBe(0);
  });

  it('lets the payer fail an attempt with a reason and then pay on the same checkout, each attempt its own signed webhook', async () => {
    const { order, issued, paymentId, checkout } = await invoiceAnOrder();
    const failing = await complete(checkout, { outcome: 'failed', reason: 'insufficient funds' });
    expect(failing.status).toBe(200);
    const failedAttempt = (await failing.json()) as { eventId: string };
    expect(failedAttempt).toMatchObject({ paymentId, status: 'open', attempt: 1, outcome: 'failed', failureReason: 'insufficient funds' });

    const page = await (await fetch(checkout)).text();
    expect(page).toContain('failed: insufficient funds');
    expect(page).toContain('>Pay</button>');

    const paying = await complete(checkout, { outcome: 'paid' });
    expect(paying.status).toBe(200);
    const paidAttempt = (await paying.json()) as { eventId: string };
    expect(paidAttempt).toMatchObject({ paymentId, status: 'paid', attempt: 2, outcome: 'paid' });
    expect(paidAttempt.eventId).not.toBe(failedAttempt.eventId);

    const callsFor = () => gateway.calls.filter((call) => JSON.parse(call.rawBody).paymentId === paymentId);
    await eventually(
      async () => new Set(callsFor().map((call) => JSON.parse(call.rawBody).id)).size,
      (n) => n === 2,
      15_000,
      'a webhook per attempt',
    );
    const byId = new Map(callsFor().map((call) => [JSON.parse(call.rawBody).id as string, call]));
    for (const call of byId.values()) expect(verified(call)).toMatchObject({ ok: true });
    const bodies = [failedAttempt.eventId, paidAttempt.eventId].map((id) => JSON.parse(byId.get(id)!.rawBody));
    expect(bodies).toEqual([
      expect.objectContaining({ type: 'payment.failed', failureReason: 'insufficient funds', amountCents: 23_958 }),
      expect.objectContaining({ type: 'payment.paid', amountCents: 23_958 }),
    ]);
    expect(bodies[1]).not.toHaveProperty('failureReason');

    // The gateway forwards each verified webhook as payment.record.
    for (const body of bodies) {
      await record({
        providerEventId: body.id,
        paymentId,
        status: body.type === 'payment.paid' ? 'paid' : 'failed',
        amountCents: body.amountCents,
        currency: body.currency,
        reportedAt: body.occurredAt,
        ...(body.failureReason === undefined ? {} : { failureReason: body.failureReason }),
      });
    }
    const failed = await events.waitFor<PaymentFailed>(paymentFailedV1.type, (e) => e.payload.orderId === order.orderId);
    expect(failed.payload).toMatchObject({ attempt: 1, reason: 'insufficient funds', checkoutUrl: issued.checkoutUrl });
    const paid = await events.waitFor<InvoicePaid>(invoicePaidV1.type, (e) => e.payload.orderId === order.orderId);
    expect(paid.payload).toMatchObject({ invoiceNumber: issued.invoiceNumber, paymentId, amountCents: 23_958 });
    expect(paid.payload).not.toHaveProperty('extensionId');
    expect(await invoiceOf(order.orderId)).toEqual({ number: issued.invoiceNumber, status: 'paid' });
    const reports = await billing.db.query(`SELECT attempt, status, outcome FROM payment_reports WHERE payment_id = $1 ORDER BY attempt`, [paymentId]);
    expect(reports.rows).toEqual([
      { attempt: 1, status: 'failed', outcome: 'failure_recorded' },
      { attempt: 2, status: 'paid', outcome: 'applied' },
    ]);
  });

  it('does not settle an invoice with a payment of another amount', async () => {
    const { order, issued, paymentId } = await invoiceAnOrder();
    const id = await record({ ...paidReport(paymentId, issued), amountCents: issued.grossCents - 1 });
    await processed(id);
    expect(await invoiceOf(order.orderId)).toMatchObject({ status: 'open' });
    const reports = await billing.db.query(`SELECT outcome FROM payment_reports WHERE payment_id = $1`, [paymentId]);
    expect(reports.rows).toEqual([{ outcome: 'rejected_amount_mismatch' }]);
    expect((await billing.db.query(`SELECT 1 FROM messaging_outbox WHERE event_type = 'invoice.paid' AND key = $1`, [order.orderId])).rowCount).toBe(0);
  });

  it('dead-letters a report about a payment billing never requested', async () => {
    const paymentId = randomUUID();
    await record({ providerEventId: 'evt_unknown', paymentId, status: 'paid', amountCents: 100, currency: 'EUR', reportedAt: clock.now().toISOString() });
    const [letter] = await readAll(deadLetterTopic('billing', billing.topicPrefix), 1);
    expect(String(letter.headers?.[DeadLetterHeader.reason])).toBe('handler-failed');
    expect(String(letter.headers?.[DeadLetterHeader.detail])).toContain(`payment ${paymentId} is unknown to billing`);
  });

  it('answers a report that breaks its contract with payment.record-rejected, records nothing and dead-letters it', async () => {
    const { issued, paymentId } = await invoiceAnOrder();
    const broken = { ...paidReport(paymentId, issued), status: 'failed' as const, failureReason: 'card\u0000declined' };
    await record(broken);
    const rejected = await events.waitFor<{ paymentId: string; providerEventId?: string; reason: string; detail: string }>(
      'payment.record-rejected',
      (e) => e.payload.paymentId === paymentId,
    );
    expect(rejected.key).toBe(paymentId);
    expect(rejected.payload).toMatchObject({
      providerEventId: broken.providerEventId,
      reason: 'invalid_request',
      detail: expect.stringContaining('failureReason'),
    });
    const letters = await readAll(deadLetterTopic('billing', billing.topicPrefix), 2);
    expect(letters.map((l) => String(l.headers?.[DeadLetterHeader.reason]))).toContain('schema-violation');
    const reports = await billing.db.query(`SELECT count(*)::int AS n FROM payment_reports WHERE payment_id = $1`, [paymentId]);
    expect(reports.rows[0].n).toBe(0);
  });

  it("neither shows nor completes a payment without its checkout URL's token: the payment id alone, which travels in events, opens nothing", async () => {
    const { issued, paymentId, checkout } = await invoiceAnOrder();
    const token = checkout.split('/').pop()!;
    expect(checkout).toBe(`${billing.baseUrl}/sandbox/checkout/${paymentId}/${token}`);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const paying = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ outcome: 'paid' }) };

    // Another payment's token, a guessed one, none at all: each answered as a payment that does not exist.
    const other = (await invoiceAnOrder()).checkout.split('/').pop()!;
    for (const wrong of [`${paymentId}/${other}`, `${paymentId}/${'A'.repeat(43)}`, `${paymentId}/${token.slice(0, -1)}`]) {
      const page = await fetch(`${billing.baseUrl}/sandbox/checkout/${wrong}`);
      expect(page.status).toBe(404);
      expect(await page.text()).not.toContain(issued.invoiceNumber);
      const completion = await fetch(`${billing.baseUrl}/sandbox/checkout/${wrong}/complete`, paying);
      expect(completion.status).toBe(404);
      expect(await completion.json()).toMatchObject({ error: { code: 'payment_not_found' } });
    }
    expect((await fetch(`${billing.baseUrl}/sandbox/checkout/${paymentId}/complete`, paying)).status).toBe(404);
    expect((await fetch(`${billing.baseUrl}/sandbox/checkout/${paymentId}`)).status).toBe(404);

    // Nothing was attempted: the payment is open, and the right URL still pays it.
    expect((await billing.db.query(`SELECT status FROM sandbox_payments WHERE payment_id = $1`, [paymentId])).rows).toEqual([{ status: 'open' }]);
    expect((await billing.db.query(`SELECT 1 FROM sandbox_payment_attempts WHERE payment_id = $1`, [paymentId])).rowCount).toBe(0);
    expect(gateway.calls.filter((call) => call.rawBody.includes(paymentId))).toHaveLength(0);
    expect((await complete(checkout, { outcome: 'paid' })).status).toBe(200);
    expect((await billing.db.query(`SELECT status FROM sandbox_payments WHERE payment_id = $1`, [paymentId])).rows).toEqual([{ status: 'paid' }]);
    // The provider keeps only the token's hash.
    const stored = await billing.db.query(`SELECT checkout_token_sha256 FROM sandbox_payments WHERE payment_id = $1`, [paymentId]);
    expect(stored.rows[0].checkout_token_sha256.toString('hex')).toBe(createHash('sha256').update(token).digest('hex'));
  });
});
