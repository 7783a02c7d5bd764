import { eventsTopic, invoiceIssuedV1, orderAcceptedV1, type PayloadOf, topicOf } from '@rental/contracts';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { envelopeMessage, produceRaw } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { BillingModule } from '../src/billing.module';
import { loadBillingSettings } from '../src/billing-settings';
import { clock, type FakeGateway, orderAccepted, paymentIdOf, startFakeGateway } from './billing-test-kit';

type InvoiceIssued = PayloadOf<typeof invoiceIssuedV1>;

const MAX_FAILED = 3;
const LOCKOUT_MINUTES = 15;

/**
 * The sandbox checkout as a page on the open internet: its security headers and a policy that still
 * lets its one script run, and a cap on failed attempts per payment (each reaches the customer).
 */
describe('billing: the sandbox checkout under abuse', () => {
  let billing: ServiceApp;
  let gateway: FakeGateway;
  let events: EventCollector;

  const checkoutOfAnOrder = async () => {
    const order = orderAccepted();
    await produceRaw(topicOf(orderAcceptedV1, billing.topicPrefix), [envelopeMessage(orderAcceptedV1, order.orderId, order)]);
    const issued = await events.waitFor<InvoiceIssued>(invoiceIssuedV1.type, (e) => e.payload.orderId === order.orderId);
    return { paymentId: paymentIdOf(issued.payload), checkoutUrl: issued.payload.checkoutUrl };
  };
  const complete = async (checkoutUrl: string, body: unknown) => {
    const response = await fetch(`${checkoutUrl}/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { status?: string; attempt?: number; code?: string } };
  };

  beforeAll(async () => {
    gateway = await startFakeGateway(() => 200);
    billing = await startServiceApp('billing', (config) =>
      BillingModule.register(
        config,
        loadBillingSettings({
          SANDBOX_WEBHOOK_URL: gateway.webhookUrl,
          SANDBOX_WEBHOOK_SECRET: 'billing-e2e-webhook-secret',
          SANDBOX_CHECKOUT_MAX_FAILED_ATTEMPTS: String(MAX_FAILED),
          SANDBOX_CHECKOUT_LOCKOUT_MINUTES: String(LOCKOUT_MINUTES),
        }),
        { clock },
      ),
    );
    events = await collectEvents([eventsTopic('billing', billing.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await billing?.close();
    await gateway?.close();
  });

  it('serves the page with helmet headers and a Content-Security-Policy whose nonce is the one its script carries', async () => {
    const { checkoutUrl } = await checkoutOfAnOrder();
    const page = await fetch(checkoutUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    const policy = page.headers.get('content-security-policy')!;
    const nonce = /script-src 'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
    expect(nonce).toBeDefined();
    expect(html).toContain(`<script nonce="${nonce}">`);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-powered-by')).toBeNull();
    // A new nonce on every answer.
    const again = await fetch(checkoutUrl);
    expect(again.headers.get('content-security-policy')).not.toBe(policy);
    // Every other answer has the strict default.
    const health = await fetch(`${billing.baseUrl}/health/live`);
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it(`shuts a payment's checkout after ${MAX_FAILED} failed attempts: 429 too_many_attempts with Retry-After, paying too, until ${LOCKOUT_MINUTES} minutes after the first of them`, async () => {
    const { paymentId, checkoutUrl } = await checkoutOfAnOrder();
    for (let i = 1; i <= MAX_FAILED; i++) {
      const failed = await complete(checkoutUrl, { outcome: 'failed', reason: `declined ${i}` });
      expect([failed.status, failed.body.attempt]).toEqual([200, i]);
    }
    const firstFailedAt = (await billing.db.query(`SELECT min(completed_at) AS at FROM sandbox_payment_attempts WHERE payment_id = $1`, [paymentId])).rows[0]
      .at as Date;
    const opensAt = new Date(firstFailedAt.getTime() + LOCKOUT_MINUTES * 60_000);

    for (const outcome of ['failed', 'paid']) {
      const refused = await complete(checkoutUrl, { outcome });
      expect(refused.status).toBe(429);
      expect(refused.body).toEqual({ error: { code: 'too_many_attempts', message: expect.stringContaining(`try again after ${opensAt.toISOString()}`) } });
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(LOCKOUT_MINUTES * 60);
    }
    const page = await (await fetch(checkoutUrl)).text();
    expect(page).toContain(`Too many failed attempts: try again after ${opensAt.toISOString()}`);
    expect(page).not.toContain('<button');
    // The refused attempts left nothing behind: no attempt, no webhook.
    const attempts = await billing.db.query(`SELECT count(*)::int AS n FROM sandbox_payment_attempts WHERE payment_id = $1`, [paymentId]);
    expect(attempts.rows[0].n).toBe(MAX_FAILED);

    clock.advance(opensAt.getTime() - clock.now().getTime() + 1_000);
    const paid = await complete(checkoutUrl, { outcome: 'paid' });
    expect([paid.status, paid.body.status, paid.body.attempt]).toEqual([200, 'paid', MAX_FAILED + 1]);
  });
});
