import { ORDER_STATUSES, type OrderStatus, TERMINAL_STATUSES } from './order-status';
import { isOrderTrigger, nextStatus, ORDER_TRIGGERS, type OrderTrigger, triggersAllowedFrom } from './order-transitions';

// The specification, written out independently of the table under test.
const ALLOWED: ReadonlyArray<readonly [OrderStatus, OrderTrigger, OrderStatus]> = [
  ['placed', 'capacity_reserved', 'awaiting_payment'],
  ['placed', 'capacity_unavailable', 'rejected'],
  ['awaiting_payment', 'payment_received', 'paid'],
  ['awaiting_payment', 'payment_window_closed', 'cancelled'],
  ['placed', 'customer_cancelled', 'cancelled'],
  ['awaiting_payment', 'customer_cancelled', 'cancelled'],
  ['paid', 'customer_cancelled', 'cancelled'],
  ['scheduled', 'customer_cancelled', 'cancelled'],
  ['provisioning', 'customer_cancelled', 'cancelled'],
  ['running', 'customer_cancelled', 'deprovisioning'],
  ['paid', 'provisioning_scheduled', 'scheduled'],
  ['paid', 'provisioning_started', 'provisioning'],
  ['scheduled', 'provisioning_started', 'provisioning'],
  ['provisioning', 'machine_running', 'running'],
  ['paid', 'provisioning_failed', 'failed'],
  ['scheduled', 'provisioning_failed', 'failed'],
  ['provisioning', 'provisioning_failed', 'failed'],
  ['running', 'rental_extended', 'running'],
  ['running', 'rental_ended', 'deprovisioning'],
  ['deprovisioning', 'machine_deprovisioned', 'completed'],
];

const isAllowed = (from: OrderStatus, trigger: OrderTrigger) => ALLOWED.some(([f, t]) => f === from && t === trigger);

const FORBIDDEN = ORDER_STATUSES.flatMap((from) => ORDER_TRIGGERS.filter((trigger) => !isAllowed(from, trigger)).map((trigger) => [from, trigger] as const));

describe('order transitions', () => {
  it('covers the full status × trigger grid between allowed and forbidden pairs', () => {
    expect(ALLOWED.length + FORBIDDEN.length).toBe(ORDER_STATUSES.length * ORDER_TRIGGERS.length);
    expect(ALLOWED).toHaveLength(20);
    expect(FORBIDDEN).toHaveLength(11 * 12 - 20);
  });

  it.each(ALLOWED)('%s --%s--> %s', (from, trigger, to) => {
    expect(nextStatus(from, trigger)).toEqual({ ok: true, value: to });
  });

  it.each(FORBIDDEN)('%s --%s--> is rejected as illegal_transition', (from, trigger) => {
    expect(nextStatus(from, trigger)).toEqual({
      ok: false,
      error: { reason: 'illegal_transition', from, trigger },
    });
  });

  it('rejects, without throwing, a trigger that is not one (untyped input)', () => {
    for (const bogus of ['constructor', 'toString', '__proto__', 'nope']) {
      expect(() => nextStatus('placed', bogus as OrderTrigger)).not.toThrow();
      expect(nextStatus('placed', bogus as OrderTrigger)).toEqual({
        ok: false,
        error: { reason: 'illegal_transition', from: 'placed', trigger: bogus },
      });
    }
  });

  it('rejects, without throwing, a status that is not one (untyped input)', () => {
    expect(nextStatus('constructor' as OrderStatus, 'customer_cancelled').ok).toBe(false);
  });

  it.each(ORDER_STATUSES)('lists exactly the triggers allowed from %s', (status) => {
    const expected = ORDER_TRIGGERS.filter((trigger) => isAllowed(status, trigger));
    expect(triggersAllowedFrom(status)).toEqual(expected);
  });

  it('lets no trigger leave a terminal status and at least one leave every other', () => {
    for (const status of ORDER_STATUSES) {
      const allowed = triggersAllowedFrom(status);
      expect({ status, terminal: allowed.length === 0 }).toEqual({
        status,
        terminal: TERMINAL_STATUSES.includes(status),
      });
    }
  });

  it('reaches every status except placed, which only place() creates', () => {
    const reached = new Set(ALLOWED.map(([, , to]) => to));
    const fromTable = new Set(
      ORDER_STATUSES.flatMap((from) => ORDER_TRIGGERS.map((trigger) => nextStatus(from, trigger)).flatMap((r) => (r.ok ? [r.value] : []))),
    );
    expect(fromTable).toEqual(reached);
    expect(ORDER_STATUSES.filter((status) => !fromTable.has(status))).toEqual(['placed']);
  });

  it('recognises triggers', () => {
    expect(ORDER_TRIGGERS.every(isOrderTrigger)).toBe(true);
    expect(isOrderTrigger('payment_failed')).toBe(false);
    expect(isOrderTrigger('hasOwnProperty')).toBe(false);
  });
});
