import { err, ok, type Result } from '@rental/result';
import type { OrderStatus } from './order-status';

/** Facts that move a rental, named in the past tense because each one has already happened. */
export const ORDER_TRIGGERS = [
  'capacity_reserved',
  'capacity_unavailable',
  'payment_received',
  'payment_window_closed',
  'customer_cancelled',
  'provisioning_scheduled',
  'provisioning_started',
  'machine_running',
  'provisioning_failed',
  'rental_extended',
  'rental_ended',
  'machine_deprovisioned',
] as const;

export type OrderTrigger = (typeof ORDER_TRIGGERS)[number];

/**
 * The rental's state machine, one row per trigger: from which statuses it is allowed and where it
 * leads. A (status, trigger) pair absent here is illegal. Kept as data so that the whole machine
 * reads in one screen and tests can enumerate it.
 */
export const ORDER_TRANSITIONS: {
  readonly [T in OrderTrigger]: Readonly<Partial<Record<OrderStatus, OrderStatus>>>;
} = {
  capacity_reserved: { placed: 'awaiting_payment' },
  capacity_unavailable: { placed: 'rejected' },
  payment_received: { awaiting_payment: 'paid' },
  payment_window_closed: { awaiting_payment: 'cancelled' },
  // A running machine cannot vanish on request: it is wiped first, so cancelling it deprovisions.
  customer_cancelled: {
    placed: 'cancelled',
    awaiting_payment: 'cancelled',
    paid: 'cancelled',
    scheduled: 'cancelled',
    provisioning: 'cancelled',
    running: 'deprovisioning',
  },
  provisioning_scheduled: { paid: 'scheduled' },
  provisioning_started: { paid: 'provisioning', scheduled: 'provisioning' },
  machine_running: { provisioning: 'running' },
  provisioning_failed: { paid: 'failed', scheduled: 'failed', provisioning: 'failed' },
  rental_extended: { running: 'running' },
  rental_ended: { running: 'deprovisioning' },
  machine_deprovisioned: { deprovisioning: 'completed' },
};

export interface IllegalTransition {
  readonly reason: 'illegal_transition';
  readonly from: OrderStatus;
  readonly trigger: OrderTrigger;
}

export function isOrderTrigger(value: unknown): value is OrderTrigger {
  return typeof value === 'string' && (ORDER_TRIGGERS as readonly string[]).includes(value);
}

/** Where `trigger` takes a rental in status `from`; an illegal move is an answer, never a throw. */
export function nextStatus(from: OrderStatus, trigger: OrderTrigger): Result<OrderStatus, IllegalTransition> {
  // The guard keeps a trigger smuggled in from untyped input (e.g. "constructor") off the prototype.
  const row = isOrderTrigger(trigger) ? ORDER_TRANSITIONS[trigger] : undefined;
  const to = row !== undefined && Object.hasOwn(row, from) ? row[from] : undefined;
  return to === undefined ? err({ reason: 'illegal_transition', from, trigger }) : ok(to);
}

/** The triggers a rental in `status` accepts, in the order of ORDER_TRIGGERS. */
export function triggersAllowedFrom(status: OrderStatus): OrderTrigger[] {
  return ORDER_TRIGGERS.filter((trigger) => Object.hasOwn(ORDER_TRANSITIONS[trigger], status));
}
