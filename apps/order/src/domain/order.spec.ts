import { type LifecycleTrigger, Order, type OrderEvent, type PlaceOrder } from './order';
import type { OrderStatus } from './order-status';

const at = (iso: string) => new Date(iso);
const placedAt = at('2026-03-10T12:00:00.000Z');

const input = (): PlaceOrder => ({
  id: 'ord-1',
  customerId: 'cus-1',
  quoteId: 'quo-1',
  planCode: 'cx-4',
  locationCode: 'ams-1',
  imageCode: 'debian-13',
  quantity: 2,
  period: { start: at('2026-03-11T00:00:00.000Z'), end: at('2026-04-10T00:00:00.000Z') },
  price: { totalCents: 40_000, currency: 'EUR' },
});

const placed = () => Order.place(input(), placedAt).order;

function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** An order driven along the happy path to `running`, one hour per step. */
function running(): Order {
  const order = placed();
  const steps: LifecycleTrigger[] = ['capacity_reserved', 'payment_received', 'provisioning_started', 'machine_running'];
  steps.forEach((trigger, hour) => expectOk(order.apply(trigger, at(`2026-03-10T1${3 + hour}:00:00.000Z`))));
  return order;
}

describe('Order.place', () => {
  it('creates the order in placed with its first timeline entry, from null', () => {
    const { order } = Order.place(input(), placedAt);
    const state = order.snapshot();
    expect(order.id).toBe('ord-1');
    expect(order.status).toBe('placed');
    expect(state).toMatchObject({ ...input(), status: 'placed' });
    expect(state.timeline).toEqual([{ at: placedAt, from: null, to: 'placed', trigger: 'order_placed' }]);
  });

  it('returns order.placed with the order facts', () => {
    const { events } = Order.place(input(), placedAt);
    expect(events).toEqual([{ type: 'order.placed', ...input(), at: placedAt }]);
  });

  it.each([
    ['a quantity of 0', { quantity: 0 }],
    ['a fractional quantity', { quantity: 1.5 }],
    ['fractional cents', { price: { totalCents: 10.5, currency: 'EUR' as const } }],
    ['negative cents', { price: { totalCents: -1, currency: 'EUR' as const } }],
    ['an end not after the start', { period: { start: placedAt, end: placedAt } }],
  ])('throws on %s, a bug upstream', (_, override) => {
    expect(() => Order.place({ ...input(), ...override }, placedAt)).toThrow(RangeError);
  });

  it('keeps its own copies of the dates it is given', () => {
    const given = input();
    const when = new Date(placedAt.getTime());
    const { order, events } = Order.place(given, when);
    given.period.end.setUTCFullYear(2030);
    when.setUTCFullYear(2030);
    order.snapshot().period.start.setUTCFullYear(2030);
    expect(order.snapshot().period.end.toISOString()).toBe('2026-04-10T00:00:00.000Z');
    expect(order.snapshot().period.start.toISOString()).toBe('2026-03-11T00:00:00.000Z');
    expect(order.snapshot().timeline[0].at.toISOString()).toBe('2026-03-10T12:00:00.000Z');
    expect((events[0] as OrderEvent & { period: unknown }).period).toEqual(input().period);
  });
});

describe('Order.apply', () => {
  it('moves along the table, appends to the timeline and returns order.status-changed', () => {
    const order = placed();
    const when = at('2026-03-10T12:05:00.000Z');
    const events = expectOk(order.apply('capacity_reserved', when, 'host h-17'));
    expect(order.status).toBe('awaiting_payment');
    expect(events).toEqual([
      {
        type: 'order.status-changed',
        orderId: 'ord-1',
        from: 'placed',
        to: 'awaiting_payment',
        trigger: 'capacity_reserved',
        at: when,
        detail: 'host h-17',
      },
    ]);
    expect(order.snapshot().timeline.at(-1)).toEqual({
      at: when,
      from: 'placed',
      to: 'awaiting_payment',
      trigger: 'capacity_reserved',
      detail: 'host h-17',
    });
  });

  it('leaves detail out when none is given', () => {
    const order = placed();
    const [event] = expectOk(order.apply('capacity_unavailable', placedAt));
    expect(event).not.toHaveProperty('detail');
    expect(order.snapshot().timeline.at(-1)).not.toHaveProperty('detail');
    expect(order.status).toBe('rejected');
  });

  it('records the whole rental, start to finish, in the timeline', () => {
    const order = running();
    expectOk(order.apply('rental_ended', at('2026-04-10T00:00:00.000Z')));
    expectOk(order.apply('machine_deprovisioned', at('2026-04-10T00:10:00.000Z')));
    const path = order.snapshot().timeline.map((entry) => [entry.from, entry.trigger, entry.to]);
    expect(path).toEqual([
      [null, 'order_placed', 'placed'],
      ['placed', 'capacity_reserved', 'awaiting_payment'],
      ['awaiting_payment', 'payment_received', 'paid'],
      ['paid', 'provisioning_started', 'provisioning'],
      ['provisioning', 'machine_running', 'running'],
      ['running', 'rental_ended', 'deprovisioning'],
      ['deprovisioning', 'machine_deprovisioned', 'completed'],
    ]);
    expect(order.status).toBe('completed');
  });

  it('refuses an illegal trigger with the reason and changes nothing', () => {
    const order = placed();
    const before = order.snapshot();
    expect(order.apply('payment_received', placedAt)).toEqual({
      ok: false,
      error: { reason: 'illegal_transition', from: 'placed', trigger: 'payment_received' },
    });
    expect(order.snapshot()).toEqual(before);
  });

  it('refuses everything once terminal', () => {
    const order = placed();
    expectOk(order.apply('customer_cancelled', placedAt));
    const before = order.snapshot();
    const refused = order.apply('capacity_reserved', placedAt);
    expect(refused.ok).toBe(false);
    expect(order.snapshot()).toEqual(before);
  });

  it('cancelling a running rental deprovisions it first', () => {
    const order = running();
    expectOk(order.apply('customer_cancelled', at('2026-03-20T00:00:00.000Z')));
    expect(order.status).toBe<OrderStatus>('deprovisioning');
  });

  it('refuses rental_extended from untyped callers: an extension needs its new end', () => {
    const order = running();
    const before = order.snapshot();
    expect(order.apply('rental_extended' as LifecycleTrigger, placedAt)).toEqual({
      ok: false,
      error: { reason: 'extension_requires_end' },
    });
    expect(order.snapshot()).toEqual(before);
  });
});

describe('Order.extend', () => {
  const when = at('2026-04-01T00:00:00.000Z');
  const later = at('2026-05-10T00:00:00.000Z');

  it('moves the end of a running rental later and returns order.extended', () => {
    const order = running();
    const events = expectOk(order.extend(later, when));
    expect(events).toEqual([{ type: 'order.extended', orderId: 'ord-1', previousEnd: at('2026-04-10T00:00:00.000Z'), newEnd: later, at: when }]);
    expect(order.status).toBe('running');
    expect(order.snapshot().period).toEqual({ start: at('2026-03-11T00:00:00.000Z'), end: later });
    expect(order.snapshot().timeline.at(-1)).toEqual({
      at: when,
      from: 'running',
      to: 'running',
      trigger: 'rental_extended',
      detail: 'end moved from 2026-04-10T00:00:00.000Z to 2026-05-10T00:00:00.000Z',
    });
  });

  it('can extend again from the new end', () => {
    const order = running();
    expectOk(order.extend(later, when));
    expectOk(order.extend(at('2026-06-10T00:00:00.000Z'), when));
    expect(order.snapshot().period.end.toISOString()).toBe('2026-06-10T00:00:00.000Z');
  });

  it.each([
    ['the same end', '2026-04-10T00:00:00.000Z'],
    ['an earlier end', '2026-04-09T00:00:00.000Z'],
  ])('refuses %s and changes nothing', (_, requested) => {
    const order = running();
    const before = order.snapshot();
    expect(order.extend(at(requested), when)).toEqual({
      ok: false,
      error: { reason: 'end_not_later', currentEnd: at('2026-04-10T00:00:00.000Z'), requestedEnd: at(requested) },
    });
    expect(order.snapshot()).toEqual(before);
  });

  it('refuses an invalid date', () => {
    const order = running();
    const refused = order.extend(at('nonsense'), when);
    expect(!refused.ok && refused.error.reason).toBe('end_not_later');
    expect(order.snapshot().period.end.toISOString()).toBe('2026-04-10T00:00:00.000Z');
  });

  it.each<[string, LifecycleTrigger[]]>([
    ['placed', []],
    ['paid', ['capacity_reserved', 'payment_received']],
    ['deprovisioning', ['capacity_reserved', 'payment_received', 'provisioning_started', 'machine_running', 'rental_ended']],
  ])('refuses while %s', (status, path) => {
    const order = placed();
    path.forEach((trigger) => expectOk(order.apply(trigger, placedAt)));
    const before = order.snapshot();
    expect(order.extend(later, when)).toEqual({
      ok: false,
      error: { reason: 'illegal_transition', from: status, trigger: 'rental_extended' },
    });
    expect(order.snapshot()).toEqual(before);
  });
});

describe('Order.restore', () => {
  it('rebuilds an order that carries on from its stored state, without events', () => {
    const stored = running().snapshot();
    const order = Order.restore(stored);
    expect(order.snapshot()).toEqual(stored);
    expectOk(order.apply('rental_ended', at('2026-04-10T00:00:00.000Z')));
    expect(order.status).toBe('deprovisioning');
    expect(stored.status).toBe('running');
    expect(order.snapshot().timeline).toHaveLength(stored.timeline.length + 1);
  });

  it('refuses a stored state that breaks the invariants', () => {
    expect(() => Order.restore({ ...running().snapshot(), quantity: -1 })).toThrow(RangeError);
  });
});

describe('Order.note', () => {
  it('records a step on the timeline without moving the status, even once the order is over', () => {
    const order = placed();
    order.apply('customer_cancelled', at('2026-03-10T13:00:00.000Z'));
    const events = order.note('refund_paid', at('2026-03-10T14:00:00.000Z'), 'refund RF-2026-000001 of EUR 239.58');
    expect(order.status).toBe('cancelled');
    expect(events).toEqual([
      {
        type: 'order.status-changed',
        orderId: order.id,
        from: 'cancelled',
        to: 'cancelled',
        trigger: 'refund_paid',
        at: at('2026-03-10T14:00:00.000Z'),
        detail: 'refund RF-2026-000001 of EUR 239.58',
      },
    ]);
    expect(order.snapshot().timeline.at(-1)).toEqual({
      at: at('2026-03-10T14:00:00.000Z'),
      from: 'cancelled',
      to: 'cancelled',
      trigger: 'refund_paid',
      detail: 'refund RF-2026-000001 of EUR 239.58',
    });
  });
});
