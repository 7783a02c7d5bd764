import { randomUUID } from 'node:crypto';
import {
  deadLetterTopic,
  type EventDefinition,
  type EventEnvelope,
  eventsTopic,
  orderCancelV1,
  orderExtendV1,
  orderPlaceV1,
  type PayloadOf,
  quoteCreateV1,
  topicOf,
} from '@rental/contracts';
import { DeadLetterHeader } from '@rental/messaging';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { envelopeMessage, produceRaw, readAll } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { OrderModule } from '../src/order.module';

type QuoteCreate = PayloadOf<typeof quoteCreateV1>;
type Rejection = { reason: string; detail: string; requestId?: string; extensionId?: string };

const DAY_MS = 86_400_000;

/**
 * Every command the gateway sends is answered, even when the order service finds it invalid: a
 * command that breaks its contract is refused as invalid_request (and dead-lettered), a period the
 * service will not compute is refused as invalid_period. Nobody waits for an answer that never comes.
 */
describe('order service: commands it finds invalid', () => {
  let order: ServiceApp;
  let events: EventCollector;

  beforeAll(async () => {
    order = await startServiceApp('order', (config) => OrderModule.register(config), { MAX_START_AHEAD_DAYS: '365' });
    events = await collectEvents([eventsTopic('order', order.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await order?.close();
  });

  const send = (definition: EventDefinition, key: string, payload: unknown) =>
    produceRaw(topicOf(definition, order.topicPrefix), [envelopeMessage(definition, key, payload)]);
  const answer = (type: string, key: string) => events.waitFor<Rejection>(type, (e) => e.key === key);

  function quoteRequest(overrides: Record<string, unknown> = {}): QuoteCreate {
    return {
      quoteId: randomUUID(),
      customer: {
        customerId: randomUUID(),
        name: 'Stroopwafel Logistics B.V.',
        email: 'it@stroopwafel.example',
        language: 'nl',
        country: 'NL',
        kind: 'business',
      },
      planCode: 'standard-4',
      locationCode: 'ams1',
      imageCode: 'debian-12',
      quantity: 1,
      start: new Date(Date.now() + DAY_MS).toISOString(),
      duration: 'P30D',
      ...overrides,
    } as QuoteCreate;
  }

  it('answers each command that breaks its contract with invalid_request and the validation error, and dead-letters it', async () => {
    const customerId = randomUUID();
    const orderId = randomUUID();
    const quote = quoteRequest({ customer: { ...quoteRequest().customer, name: 'Stroopwafel\u0000' } });
    const beyond = quoteRequest({ duration: undefined, end: '9999-12-31T23:00:00-05:00' });
    const placement = { orderId: randomUUID(), quoteId: randomUUID(), customer: quoteRequest().customer, sshPublicKey: `ssh-ed25519 AAAA\u0000 x@y` };
    const cancel = { orderId, customerId, requestId: randomUUID(), requestedAt: new Date().toISOString(), note: 'done\u0000' };
    const extend = { orderId, customerId, extensionId: randomUUID(), end: '10000-01-01T00:00:00Z', requestedAt: new Date().toISOString() };
    const unanswerable = { ...quoteRequest(), quoteId: 'quote-1', quantity: 0 };

    await send(quoteCreateV1, quote.quoteId, quote);
    await send(quoteCreateV1, beyond.quoteId, beyond);
    await send(orderPlaceV1, placement.orderId, placement);
    await send(orderCancelV1, orderId, cancel);
    await send(orderExtendV1, orderId, extend);
    await send(quoteCreateV1, randomUUID(), unanswerable);

    const answers: [EventEnvelope<Rejection>, Record<string, unknown>, string][] = [
      [await answer('quote.rejected', quote.quoteId), { quoteId: quote.quoteId, customerId: quote.customer.customerId }, 'customer.name'],
      [await answer('quote.rejected', beyond.quoteId), { quoteId: beyond.quoteId }, 'end'],
      [await answer('order.rejected', placement.orderId), { orderId: placement.orderId, quoteId: placement.quoteId }, 'sshPublicKey'],
      [await events.waitFor<Rejection>('order.cancellation-rejected', (e) => e.payload.requestId === cancel.requestId), { orderId, customerId }, 'note'],
      [await events.waitFor<Rejection>('order.extension-rejected', (e) => e.payload.extensionId === extend.extensionId), { orderId, customerId }, 'end'],
    ];
    for (const [rejection, ids, field] of answers) {
      expect(rejection.payload).toMatchObject({ ...ids, reason: 'invalid_request' });
      expect(rejection.payload.detail).toContain(field);
    }

    // Each is on the dead-letter topic too, the one that names no quote to answer included.
    const letters = await readAll(deadLetterTopic('order', order.topicPrefix), 6, 60_000);
    expect(letters.map((l) => l.headers![DeadLetterHeader.reason]!.toString())).toEqual(Array(6).fill('schema-violation'));
    // Nothing was stored for any of them.
    const stored = await order.db.query(`SELECT (SELECT count(*) FROM quotes)::int AS quotes, (SELECT count(*) FROM orders)::int AS orders`);
    expect(stored.rows[0]).toEqual({ quotes: 0, orders: 0 });
  });

  it('refuses as invalid_period a start further ahead than MAX_START_AHEAD_DAYS, so no period ends past the year 9999', async () => {
    const cases = [
      quoteRequest({ start: '9999-12-01T00:00:00Z', duration: 'P1M' }),
      quoteRequest({ start: new Date(Date.now() + 366 * DAY_MS).toISOString(), duration: 'P1W' }),
    ];
    for (const request of cases) await send(quoteCreateV1, request.quoteId, request);
    for (const request of cases) {
      const rejected = await answer('quote.rejected', request.quoteId);
      expect(rejected.payload).toMatchObject({ reason: 'invalid_period', detail: expect.stringContaining('more than 365 days ahead') });
    }
    // Within the bound, it is a quote like any other.
    const latest = quoteRequest({ start: new Date(Date.now() + 364 * DAY_MS).toISOString(), duration: 'P1W' });
    await send(quoteCreateV1, latest.quoteId, latest);
    expect((await events.waitFor('quote.created', (e) => e.key === latest.quoteId)).payload).toMatchObject({ quoteId: latest.quoteId });
  });
});
