import { randomUUID } from 'node:crypto';
import { deadLetterTopic, eventsTopic, machineRunningV1 } from '@rental/contracts';
import { DeadLetterHeader } from '@rental/messaging';
import { signWebhook } from '@rental/webhooks';
import { CAPACITY_LEAKS_SQL } from '../../apps/provisioning/src/infrastructure/capacity-leaks';
import { checkout, CustomerClient, type Json } from '../support/customer-client';
import { eventuallyExpect } from '../support/isolation';
import { OPERATOR_TOKEN, type Platform, startPlatform } from '../support/platform';
import { envelopeMessage, produceRaw, readAll } from '../support/raw-kafka';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** One standard-4 for 30 days for a Dutch business: 99.00 + 21% VAT. */
const NET = 9_900;
const GROSS = 11_979;

/**
 * Every path of a rental that does not go as planned, and the end of one that does, end to end:
 * the five services on the real broker and databases, customers driving them over the gateway's
 * HTTP API (and the sandbox payment page, and the simulated datacentre's forced failures), the
 * platform's clock moved instead of waiting for windows and days to pass.
 */
describe('when a rental does not go as planned, and when it ends', () => {
  let platform: Platform;
  const now = () => platform.clock.now();
  const mailsTo = (email: string) => platform.sink.messages().filter((m) => m.to.includes(email));
  const expectMail = (email: string, subject: RegExp) =>
    eventuallyExpect(async () => expect(mailsTo(email).map((m) => m.subject)).toContainEqual(expect.stringMatching(subject)));
  const leaksOf = async (orderId: string) =>
    (await platform.apps.provisioning.db.query(CAPACITY_LEAKS_SQL)).rows.filter((leak: Json) => leak.order_id === orderId);
  const forceFailures = async (orderId: string, body: { failAttempts?: number | 'all'; delayMs?: number }) => {
    const response = await fetch(`${platform.apps.provisioning.baseUrl}/simulated-datacentre/orders/${orderId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-operator-token': OPERATOR_TOKEN },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  };

  /** A customer's order for one standard-4, 30 days from a minute from now (or from `start`), invoiced and awaiting payment. */
  const awaitingPayment = async (customer?: CustomerClient, start?: Date) => {
    const who = customer ?? (await CustomerClient.register(platform.gatewayUrl));
    const quote = await who.quote({ now: now(), ...(start === undefined ? {} : { start: start.toISOString() }) });
    const placed = await who.placeOrder(quote.id);
    expect(placed.status).toBe(201);
    const order = await who.until(placed.body.id, 'the invoice', (o: Json) => o.status === 'awaiting_payment' && o.invoice !== undefined);
    return { who, orderId: order.id as string, invoice: order.invoice as Json };
  };
  const running = async () => {
    const placed = await awaitingPayment();
    expect(await checkout(placed.invoice.checkoutUrl, 'paid')).toBe(200);
    const order = await placed.who.until(placed.orderId, 'running', (o: Json) => o.status === 'running');
    return { ...placed, order };
  };
  const settled = (who: CustomerClient, orderId: string, what: string, pass: (o: Json) => boolean) => who.until(orderId, what, pass, 60_000);

  beforeAll(async () => {
    platform = await startPlatform();
  });

  afterAll(async () => {
    await platform?.close();
  });

  it('refuses to order an expired quote, with a clear 4xx, and reserves and invoices nothing', async () => {
    const customer = await CustomerClient.register(platform.gatewayUrl);
    const quote = await customer.quote({ now: now() });
    platform.clock.advance(24 * 60 * MINUTE + MINUTE);
    const refused = await customer.placeOrder(quote.id);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: 'quote_expired' } });
    const holds = await platform.apps.provisioning.db.query(`SELECT count(*)::int AS n FROM capacity_holds`);
    const invoices = await platform.apps.billing.db.query(`SELECT count(*)::int AS n FROM invoices`);
    expect([holds.rows[0].n, invoices.rows[0].n]).toEqual([0, 0]);
  });

  it('rejects an order no host can take before anything is invoiced, and tells the customer why', async () => {
    const customer = await CustomerClient.register(platform.gatewayUrl);
    const quote = await customer.quote({ now: now(), planCode: 'xlarge-16', locationCode: 'fra1', quantity: 40 });
    const placed = await customer.placeOrder(quote.id);
    expect(placed.status).toBe(201);
    const rejected = await customer.until(placed.body.id, 'the rejection', (o: Json) => o.status === 'rejected');
    expect(rejected.timeline.at(-1)).toMatchObject({ to: 'rejected', trigger: 'capacity_unavailable' });
    expect(rejected.timeline.at(-1).detail).toContain('fra1');
    const invoices = await platform.apps.billing.db.query(`SELECT count(*)::int AS n FROM invoices WHERE order_id = $1`, [placed.body.id]);
    expect(invoices.rows[0].n).toBe(0);
    await expectMail(customer.email, /no capacity/i);
  });

  it('records a failed payment attempt, lets the customer pay the same invoice again, and runs the machine', async () => {
    const { who, orderId, invoice } = await awaitingPayment();
    expect(await checkout(invoice.checkoutUrl, 'failed', 'card declined: insufficient funds')).toBe(200);
    const failed = await who.until(orderId, 'the failed attempt', (o: Json) => o.invoice.paymentAttempts.length === 1);
    expect(failed.status).toBe('awaiting_payment');
    expect(failed.invoice.paymentAttempts[0]).toMatchObject({ attempt: 1, reason: expect.stringContaining('insufficient funds') });
    await settled(who, orderId, 'the timeline note', (o: Json) => o.timeline.some((t: Json) => t.trigger === 'payment_failed'));
    await expectMail(who.email, /did not go through/i);

    expect(await checkout(invoice.checkoutUrl, 'paid')).toBe(200);
    const ran = await who.until(orderId, 'running', (o: Json) => o.status === 'running');
    expect(ran.invoice).toMatchObject({ number: invoice.number, status: 'paid', balanceCents: 0 });

    // The provider delivers the same webhook again (its retry after a lost answer): nothing happens twice.
    const paymentId = ran.invoice.payments[0].paymentId;
    const { rows } = await platform.apps.billing.db.query(`SELECT webhook_body FROM sandbox_payment_attempts WHERE payment_id = $1 AND outcome = 'paid'`, [
      paymentId,
    ]);
    const deliver = async (body: string) => {
      const answer = await fetch(`${platform.gatewayUrl}/v1/payment-provider/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signWebhook('sandbox-dev-secret', body, now()) },
        body,
      });
      expect(answer.status).toBeLessThan(300);
    };
    const body: string = rows[0].webhook_body;
    await deliver(body);
    // A fence: a new report about the same payment (billing records a failure after the payment, and
    // does nothing else). The gateway forwards reports in the order they came, on the payment's key.
    await deliver(JSON.stringify({ ...JSON.parse(body), id: `evt_fence_${randomUUID()}`, type: 'payment.failed', failureReason: 'fence' }));
    const reports = () =>
      platform.apps.billing.db
        .query(`SELECT outcome FROM payment_reports WHERE payment_id = $1 ORDER BY attempt`, [paymentId])
        .then((r) => r.rows.map((row: Json) => row.outcome as string));
    await eventuallyExpect(async () => expect(await reports()).toContain('failure_after_settlement'));
    // The failed attempt, the payment and the fence, each once: the redelivered webhook added nothing.
    expect(await reports()).toEqual(['failure_recorded', 'applied', 'failure_after_settlement']);
    const after = await who.order(orderId);
    expect(after.invoice).toMatchObject({ paidCents: GROSS, refundedCents: 0, balanceCents: 0 });
    expect(after.invoice.payments).toHaveLength(1);
  });

  it('cancels an order unpaid when its window closes: hold and address released, invoice credited, a late payment refunded', async () => {
    const { who, orderId, invoice } = await awaitingPayment();
    platform.clock.advance(61 * MINUTE);
    const cancelled = await settled(who, orderId, 'the credit note', (o: Json) => o.status === 'cancelled' && o.invoice.creditNotes.length === 1);
    expect(cancelled.cancellation).toMatchObject({ reason: 'payment_window_closed', settlement: 'full' });
    expect(cancelled.invoice).toMatchObject({ number: invoice.number, status: 'cancelled', balanceCents: 0 });
    expect(cancelled.invoice.creditNotes[0]).toMatchObject({ reason: 'payment_window_closed', grossCents: GROSS, cancelsInvoice: true });
    await eventuallyExpect(async () => expect(await leaksOf(orderId)).toEqual([]));
    await expectMail(who.email, /no payment received/i);

    // The payer had the checkout page open all along.
    await checkout(invoice.checkoutUrl, 'paid');
    const refunded = await settled(who, orderId, 'the refund', (o: Json) => o.invoice.refunds.length === 1);
    expect(refunded.invoice.refunds[0]).toMatchObject({ reason: 'late_payment', amountCents: GROSS });
    expect(refunded.invoice).toMatchObject({ paidCents: GROSS, refundedCents: GROSS, creditedCents: GROSS, balanceCents: 0 });
    expect(refunded.status).toBe('cancelled');
    await expectMail(who.email, /^Refund RF-/);
  });

  it('moves a machine to another host when an attempt fails, and runs it', async () => {
    const { who, orderId, invoice } = await awaitingPayment();
    await forceFailures(orderId, { failAttempts: 1 });
    await checkout(invoice.checkoutUrl, 'paid');
    const ran = await who.until(orderId, 'running', (o: Json) => o.status === 'running');
    const retried = ran.timeline.filter((t: Json) => t.trigger === 'provisioning_retried');
    expect(retried).toHaveLength(1);
    expect(retried[0].detail).toContain('another host');
  });

  it('fails an order whose machine cannot be provisioned: capacity released, a full refund, a credit note and an apology', async () => {
    const { who, orderId, invoice } = await awaitingPayment();
    await forceFailures(orderId, { failAttempts: 'all' });
    await checkout(invoice.checkoutUrl, 'paid');
    const failed = await settled(
      who,
      orderId,
      'the refund',
      (o: Json) => o.status === 'failed' && o.invoice.refunds.length === 1 && o.invoice.creditNotes.length === 1,
    );
    expect(failed.cancellation).toMatchObject({ reason: 'provisioning_failed', settlement: 'full' });
    expect(failed.invoice.refunds[0]).toMatchObject({ reason: 'provisioning_failed', amountCents: GROSS });
    expect(failed.invoice.creditNotes[0]).toMatchObject({ reason: 'provisioning_failed', grossCents: GROSS, cancelsInvoice: true });
    expect(failed.invoice).toMatchObject({ status: 'cancelled', balanceCents: 0 });
    expect(failed.timeline.filter((t: Json) => t.trigger === 'provisioning_retried')).toHaveLength(2);
    expect(failed.machines).toEqual([]);
    await eventuallyExpect(async () => expect(await leaksOf(orderId)).toEqual([]));
    await expectMail(who.email, /apologies/i);
  });

  it('builds a rental paid ten days before its start only then, so that it runs when its period begins', async () => {
    const start = new Date(now().getTime() + 10 * DAY);
    const { who, orderId, invoice } = await awaitingPayment(undefined, start);
    expect(await checkout(invoice.checkoutUrl, 'paid')).toBe(200);
    const scheduled = await who.until(orderId, 'scheduled', (o: Json) => o.status === 'scheduled');
    expect(scheduled.machines).toEqual([]);
    const provisioningStartsAt = new Date(start.getTime() - 30 * MINUTE);
    expect(scheduled.timeline.at(-1)).toMatchObject({
      from: 'paid',
      to: 'scheduled',
      detail: `ready by ${start.toISOString()}; provisioning starts at ${provisioningStartsAt.toISOString()}`,
    });
    await expectMail(who.email, /^Your servers for order .* will be ready on /);

    platform.clock.advance(provisioningStartsAt.getTime() - now().getTime());
    const ran = await who.until(orderId, 'running', (o: Json) => o.status === 'running');
    expect(ran.timeline.map((t: Json) => t.to)).toEqual(['placed', 'awaiting_payment', 'paid', 'scheduled', 'provisioning', 'running']);
    expect(Date.parse(ran.machines[0].runningSince)).toBeGreaterThanOrEqual(provisioningStartsAt.getTime());
    expect(Date.parse(ran.machines[0].runningSince)).toBeLessThan(start.getTime());
  });

  it('cancels a rental paid before its start in full: its hold is given back and no machine is ever made', async () => {
    const { who, orderId, invoice } = await awaitingPayment(undefined, new Date(now().getTime() + 10 * DAY));
    expect(await checkout(invoice.checkoutUrl, 'paid')).toBe(200);
    await who.until(orderId, 'scheduled', (o: Json) => o.status === 'scheduled');
    const answer = await who.cancel(orderId);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'cancelled', cancellation: { settlement: 'full', wasRunning: false } });
    const refunded = await settled(who, orderId, 'the refund', (o: Json) => o.invoice.refunds.length === 1);
    expect(refunded.invoice.refunds[0]).toMatchObject({ reason: 'customer_cancelled', amountCents: GROSS });
    await eventuallyExpect(async () => expect(await leaksOf(orderId)).toEqual([]));
    const made = await platform.apps.provisioning.db.query(`SELECT count(*)::int AS n FROM machines WHERE order_id = $1`, [orderId]);
    expect(made.rows[0].n).toBe(0);
  });

  it('lets the customer cancel before paying: the open invoice is credited and nothing is refunded', async () => {
    const { who, orderId } = await awaitingPayment();
    const answer = await who.cancel(orderId);
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('cancelled');
    const credited = await settled(who, orderId, 'the credit note', (o: Json) => o.invoice.creditNotes.length === 1);
    expect(credited.invoice).toMatchObject({ status: 'cancelled', paidCents: 0, refundedCents: 0, balanceCents: 0 });
    await eventuallyExpect(async () => expect(await leaksOf(orderId)).toEqual([]));
    await expectMail(who.email, /is cancelled/i);
    await expectMail(who.email, /^Credit note CN-/);
    expect((await who.cancel(orderId)).status).toBe(409);
  });

  it('lets the customer cancel while the machine is being built: it is never handed over, and everything is refunded', async () => {
    const { who, orderId, invoice } = await awaitingPayment();
    await forceFailures(orderId, { delayMs: 1_500 });
    await checkout(invoice.checkoutUrl, 'paid');
    await who.until(orderId, 'provisioning', (o: Json) => o.status === 'provisioning');
    expect((await who.cancel(orderId)).status).toBe(200);
    const refunded = await settled(who, orderId, 'the refund', (o: Json) => o.invoice.refunds.length === 1);
    expect(refunded.status).toBe('cancelled');
    expect(refunded.invoice.refunds[0]).toMatchObject({ reason: 'customer_cancelled', amountCents: GROSS });
    const delivered = await platform.apps.provisioning.db.query(`SELECT count(*)::int AS n FROM machines WHERE order_id = $1 AND delivered_at IS NOT NULL`, [
      orderId,
    ]);
    expect(delivered.rows[0].n).toBe(0);
    await eventuallyExpect(async () => expect(await leaksOf(orderId)).toEqual([]));
    expect(refunded.machines).toEqual([]);
    await expectMail(who.email, /^Refund RF-/);
  });

  it('cancels a running rental: the machine is wiped and the unused whole days are refunded pro rata', async () => {
    const { who, orderId, order } = await running();
    const start = new Date(order.period.start).getTime();
    // Two and a half days into the rental: three days used, 27 of 30 refunded.
    platform.clock.advance(start - now().getTime() + 2.5 * DAY);
    expect((await who.cancel(orderId)).status).toBe(200);
    const done = await settled(who, orderId, 'completed and refunded', (o: Json) => o.status === 'completed' && o.invoice.refunds.length === 1);
    const creditedNet = Math.floor((NET * 27) / 30);
    const credited = creditedNet + Math.round((creditedNet * 21) / 100);
    expect(done.invoice.creditNotes[0]).toMatchObject({ reason: 'unused_days', netCents: creditedNet, grossCents: credited, cancelsInvoice: false });
    expect(done.invoice.refunds[0]).toMatchObject({ reason: 'unused_days', amountCents: credited });
    expect(done.invoice).toMatchObject({ paidCents: GROSS, refundedCents: credited, creditedCents: credited, balanceCents: 0 });
    expect(done.machines.map((m: Json) => m.state)).toEqual(['deprovisioned']);
    await eventuallyExpect(async () => expect(await leaksOf(orderId)).toEqual([]));
    await expectMail(who.email, /is cancelled/i);
    // The live timeline shows the same steps, the notes about the money included.
    const streamed = await who.streamedTimeline(orderId);
    const shown = (await who.order(orderId)).timeline;
    expect(streamed.map((t: Json) => t.trigger)).toEqual(shown.map((t: Json) => t.trigger));
    expect(shown.map((t: Json) => t.trigger)).toEqual(
      expect.arrayContaining(['customer_cancelled', 'machine_deprovisioned', 'credit_note_issued', 'refund_paid']),
    );
  });

  it('extends a running rental once the extension is paid, and ends it, wiped, at the new end', async () => {
    const { who, orderId, order } = await running();
    const oldEnd = new Date(order.period.end);
    const extension = await who.extend(orderId, { duration: 'P7D' });
    expect(extension.status).toBe(201);
    expect(extension.body).toMatchObject({ status: 'awaiting_payment', period: { start: oldEnd.toISOString() } });
    expect(await checkout(extension.body.invoice.checkoutUrl, 'paid')).toBe(200);
    const extended = await who.until(orderId, 'the new end', (o: Json) => o.extensions[0]?.status === 'applied');
    const newEnd = new Date(oldEnd.getTime() + 7 * DAY);
    expect(extended.period.end).toBe(newEnd.toISOString());
    expect(extended.invoices.map((i: Json) => i.status)).toEqual(['paid', 'paid']);
    await expectMail(who.email, /is extended/i);

    // Past the old end, up to the new end's first reminder: timers fire in the order they are due, so
    // the old end would have fired before it, had it not moved.
    platform.clock.advance(newEnd.getTime() - now().getTime() - 3 * DAY + MINUTE);
    await settled(who, orderId, 'the reminder of the new end', (o: Json) =>
      o.timeline.some((t: Json) => t.trigger === 'end_reminder_sent' && t.detail.includes(newEnd.toISOString())),
    );
    expect((await who.order(orderId)).status).toBe('running');

    platform.clock.advance(3 * DAY);
    const completed = await settled(who, orderId, 'completed', (o: Json) => o.status === 'completed');
    expect(completed.invoices.map((i: Json) => [i.status, i.creditNotes.length, i.refunds.length])).toEqual([
      ['paid', 0, 0],
      ['paid', 0, 0],
    ]);
    await eventuallyExpect(async () => expect(await leaksOf(orderId)).toEqual([]));
  });

  it('reminds before the end, and at the end stops, wipes and returns the machine; an unpaid extension lapses', async () => {
    const { who, orderId, order } = await running();
    const end = new Date(order.period.end);
    const extension = await who.extend(orderId, { duration: 'P7D' });
    expect(extension.status).toBe(201);

    platform.clock.advance(end.getTime() - now().getTime() - 3 * DAY + MINUTE);
    await expectMail(who.email, /ends in 3 day/i);
    platform.clock.advance(2 * DAY);
    await expectMail(who.email, /ends in 1 day/i);
    platform.clock.advance(DAY);
    const completed = await settled(who, orderId, 'completed', (o: Json) => o.status === 'completed' && o.invoices[1]?.creditNotes.length === 1);
    expect(completed.period.end).toBe(end.toISOString());
    expect(completed.extensions[0].status).toBe('lapsed');
    expect(completed.invoices[1]).toMatchObject({ status: 'cancelled', balanceCents: 0 });
    expect(completed.invoices[1].creditNotes[0]).toMatchObject({ reason: 'extension_unpaid' });
    expect(completed.machines.map((m: Json) => m.state)).toEqual(['deprovisioned']);
    expect(completed.timeline.map((t: Json) => t.trigger)).toEqual(expect.arrayContaining(['end_reminder_sent', 'rental_ended', 'machine_deprovisioned']));
    await eventuallyExpect(async () => expect(await leaksOf(orderId)).toEqual([]));
    await expectMail(who.email, /has ended/i);
  });

  it('dead-letters a fact about an order nobody placed, with the reason, and without the password it carried', async () => {
    const orderId = randomUUID();
    const prefix = platform.apps.order.topicPrefix;
    // A v1, from before passwords were sealed: its root password travels in clear.
    const password = 'Ghost-clear-Pw-7Qz2';
    await produceRaw(eventsTopic('provisioning', prefix), [
      envelopeMessage(machineRunningV1, orderId, {
        orderId,
        machineId: randomUUID(),
        hostname: 'ghost.ams1.rental.example',
        ipAddress: '203.0.113.99',
        access: { method: 'password', rootPassword: password },
        runningSince: now().toISOString(),
      }),
    ]);
    const letters = await readAll(deadLetterTopic('order', prefix), 1, 60_000);
    expect(letters[0].headers![DeadLetterHeader.detail]!.toString()).toContain(`unknown order ${orderId}`);
    expect(letters[0].headers![DeadLetterHeader.redacted]!.toString()).toBe('fields');
    expect(JSON.parse(letters[0].value!.toString())).toMatchObject({
      orderId,
      hostname: 'ghost.ams1.rental.example',
      access: { method: 'password', rootPassword: '[redacted]' },
    });
    expect(letters[0].value!.toString()).not.toContain(password);
  });
});
