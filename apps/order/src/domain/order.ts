import { copyDate } from '@rental/clock';
import { type Currency, isNonNegativeCents } from '@rental/money';
import { err, ok, type Result } from '@rental/result';
import type { OrderStatus } from './order-status';
import { type IllegalTransition, nextStatus, type OrderTrigger } from './order-transitions';
import type { RentalPeriod } from './rental-period';

/** The price agreed in the quote, frozen on the order so later catalogue changes do not touch it. */
export interface PriceSnapshot {
  readonly totalCents: number;
  readonly currency: Currency;
}

/**
 * Steps of a rental that other services took and the customer should see, but that do not move
 * the state machine (a failed payment attempt, a refund): timeline entries with from == to.
 */
export const TIMELINE_NOTES = [
  'payment_failed',
  'provisioning_retried',
  'credit_note_issued',
  'refund_paid',
  'end_reminder_sent',
  'extension_requested',
] as const;

export type TimelineNote = (typeof TIMELINE_NOTES)[number];

/** One step in the rental's history; the first records the placing, from no status at all. */
export type TimelineEntry =
  | {
      readonly at: Date;
      readonly from: null;
      readonly to: 'placed';
      readonly trigger: 'order_placed';
      readonly detail?: string;
    }
  | {
      readonly at: Date;
      readonly from: OrderStatus;
      readonly to: OrderStatus;
      readonly trigger: OrderTrigger | TimelineNote;
      readonly detail?: string;
    };

export interface OrderState {
  readonly id: string;
  readonly customerId: string;
  readonly quoteId: string;
  readonly planCode: string;
  readonly locationCode: string;
  readonly imageCode: string;
  readonly quantity: number;
  readonly period: RentalPeriod;
  readonly price: PriceSnapshot;
  readonly status: OrderStatus;
  readonly timeline: readonly TimelineEntry[];
}

export type PlaceOrder = Omit<OrderState, 'status' | 'timeline'>;

// Domain events: facts inside the order service. The Kafka contracts published from them are separate.
export interface OrderPlaced extends PlaceOrder {
  readonly type: 'order.placed';
  readonly at: Date;
}

export interface OrderStatusChanged {
  readonly type: 'order.status-changed';
  readonly orderId: string;
  readonly from: OrderStatus;
  readonly to: OrderStatus;
  readonly trigger: OrderTrigger | TimelineNote;
  readonly at: Date;
  readonly detail?: string;
}

export interface OrderExtended {
  readonly type: 'order.extended';
  readonly orderId: string;
  readonly previousEnd: Date;
  readonly newEnd: Date;
  readonly at: Date;
}

export type OrderEvent = OrderPlaced | OrderStatusChanged | OrderExtended;

/** An extension needs its new end, so it goes through extend(), never through apply(). */
export type LifecycleTrigger = Exclude<OrderTrigger, 'rental_extended'>;

export type OrderRejection =
  | IllegalTransition
  | { readonly reason: 'extension_requires_end' }
  | { readonly reason: 'end_not_later'; readonly currentEnd: Date; readonly requestedEnd: Date };

/**
 * A rental from placing to its end. Each command returns the events it caused, so changing state
 * and emitting cannot drift apart; a refused command returns why and leaves the order as it was.
 */
export class Order {
  private constructor(private state: OrderState) {}

  /**
   * Creates the order in `placed`. The input comes from a quote that was already validated, so a
   * violation here is a bug and throws instead of returning a rejection.
   */
  static place(input: PlaceOrder, at: Date): { order: Order; events: OrderEvent[] } {
    assertInvariants(input);
    const order = new Order(
      copyState({
        ...input,
        status: 'placed',
        timeline: [{ at, from: null, to: 'placed', trigger: 'order_placed' }],
      }),
    );
    const { status: _status, timeline: _timeline, ...placed } = order.snapshot();
    return { order, events: [{ type: 'order.placed', ...placed, at: new Date(at.getTime()) }] };
  }

  /** Rebuilds an order from what a repository stored; no events, nothing happened. */
  static restore(state: OrderState): Order {
    assertInvariants(state);
    return new Order(copyState(state));
  }

  get id(): string {
    return this.state.id;
  }

  get status(): OrderStatus {
    return this.state.status;
  }

  /** A copy: changing it does not change the order. */
  snapshot(): OrderState {
    return copyState(this.state);
  }

  apply(trigger: LifecycleTrigger, at: Date, detail?: string): Result<OrderEvent[], OrderRejection> {
    // The type already forbids it; untyped callers would otherwise record an extension that moved nothing.
    if ((trigger as OrderTrigger) === 'rental_extended') return err({ reason: 'extension_requires_end' });
    const next = nextStatus(this.state.status, trigger);
    if (!next.ok) return next;
    const from = this.state.status;
    this.record({ at, from, to: next.value, trigger, ...(detail === undefined ? {} : { detail }) });
    const event: OrderStatusChanged = {
      type: 'order.status-changed',
      orderId: this.state.id,
      from,
      to: next.value,
      trigger,
      at: new Date(at.getTime()),
      ...(detail === undefined ? {} : { detail }),
    };
    return ok([event]);
  }

  /** Records a step that leaves the status as it is; allowed in any status, since refunds follow a cancellation. */
  note(note: TimelineNote, at: Date, detail: string): OrderEvent[] {
    const status = this.state.status;
    this.record({ at, from: status, to: status, trigger: note, detail });
    return [{ type: 'order.status-changed', orderId: this.state.id, from: status, to: status, trigger: note, at: new Date(at.getTime()), detail }];
  }

  /** Moves the end of a running rental later; repricing the extra time is the caller's business. */
  extend(newEnd: Date, at: Date): Result<OrderEvent[], OrderRejection> {
    const next = nextStatus(this.state.status, 'rental_extended');
    if (!next.ok) return next;
    const previousEnd = this.state.period.end;
    // A NaN date compares false, so an invalid end is refused here as well.
    if (!(newEnd.getTime() > previousEnd.getTime())) {
      return err({ reason: 'end_not_later', currentEnd: new Date(previousEnd.getTime()), requestedEnd: newEnd });
    }
    const end = new Date(newEnd.getTime());
    this.state = { ...this.state, period: { start: this.state.period.start, end } };
    this.record({
      at,
      from: this.state.status,
      to: next.value,
      trigger: 'rental_extended',
      detail: `end moved from ${previousEnd.toISOString()} to ${end.toISOString()}`,
    });
    return ok([
      {
        type: 'order.extended',
        orderId: this.state.id,
        previousEnd: new Date(previousEnd.getTime()),
        newEnd: new Date(end.getTime()),
        at: new Date(at.getTime()),
      },
    ]);
  }

  private record(entry: TimelineEntry & { from: OrderStatus }): void {
    const copied = { ...entry, at: new Date(entry.at.getTime()) };
    this.state = { ...this.state, status: entry.to, timeline: [...this.state.timeline, copied] };
  }
}

function assertInvariants(input: PlaceOrder): void {
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1) {
    throw new RangeError(`order ${input.id}: quantity must be a whole number of at least 1 (got ${input.quantity})`);
  }
  if (!isNonNegativeCents(input.price.totalCents)) {
    throw new RangeError(`order ${input.id}: price must be whole, non-negative cents (got ${input.price.totalCents})`);
  }
  if (!(input.period.end.getTime() > input.period.start.getTime())) {
    throw new RangeError(`order ${input.id}: the rental period must end after it starts`);
  }
}

// Date is mutable; copying on the way in and out keeps the order the only one who changes its state.
function copyState(state: OrderState): OrderState {
  return {
    ...state,
    period: { start: copyDate(state.period.start), end: copyDate(state.period.end) },
    price: { ...state.price },
    timeline: state.timeline.map((entry) => ({ ...entry, at: copyDate(entry.at) })),
  };
}
