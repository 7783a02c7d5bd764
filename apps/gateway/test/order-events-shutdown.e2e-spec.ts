import { orderPlacedV1, orderStatusChangedV1, type PayloadOf } from '@rental/contracts';
import { eventually } from '../../../test/support/isolation';
import type { ServiceApp } from '../../../test/support/service-app';
import { createCustomer, EventStreamReader, newId, publish, startGateway } from './gateway-test-kit';

let app: ServiceApp;

beforeAll(async () => {
  // A poll interval far beyond the test's timeout: only the shutdown itself can end the stream in time.
  app = await startGateway({ GATEWAY_FEED_POLL_MS: '3600000' });
});

afterAll(async () => {
  await app?.close();
});

describe('live timelines at shutdown', () => {
  it('ends open event streams so the gateway stops promptly', async () => {
    const customer = await createCustomer(app);
    const orderId = newId();
    const placed: PayloadOf<typeof orderPlacedV1> = {
      ...(orderPlacedV1.example as PayloadOf<typeof orderPlacedV1>),
      orderId,
      quoteId: newId(),
      customer: { ...(orderPlacedV1.example as PayloadOf<typeof orderPlacedV1>).customer, customerId: customer.id },
      placedAt: new Date().toISOString(),
    };
    await publish(app, orderPlacedV1, orderId, placed);
    await publish(app, orderStatusChangedV1, orderId, {
      orderId,
      customerId: customer.id,
      from: null,
      to: 'placed',
      trigger: 'order_placed',
      at: placed.placedAt,
    });
    await eventually(
      () => app.db.query(`SELECT count(*)::int AS n FROM gateway_order_timeline WHERE order_id = $1`, [orderId]),
      (r) => r.rows[0].n === 1,
      30_000,
      'the timeline entry',
    );

    const stream = new EventStreamReader(await fetch(`${app.baseUrl}/v1/orders/${orderId}/events`, { headers: customer.auth }));
    expect(JSON.parse((await stream.next())!.data)).toMatchObject({ to: 'placed' });

    // The order is not over, so only the shutdown can end this stream.
    await app.close();
    expect(await stream.next()).toBeUndefined();
    app = undefined as unknown as ServiceApp;
  });
});
