import 'reflect-metadata';
import { CANCELLATION_REASONS, invoicePaidV1, orderCancelledV1, orderCancelV1 } from '@rental/contracts';
import { handlerMethodsOf } from '@rental/messaging';
import { isOrderTrigger, ORDER_TRANSITIONS, ORDER_TRIGGERS } from '../../domain/order-transitions';
import { RENTAL_PROCESS } from './rental-process';
import { RentalProcessManager } from './rental-process.manager';
import { RENTAL_TIMERS } from './rental-timers';

const steps = RENTAL_PROCESS.steps;
const applied = steps.flatMap((s) => (s.applies === undefined ? [] : [s.applies]));

/** The timer kinds the manager's @OnTimer methods handle, read from their metadata as the timer runner reads it. */
function timerKindsOf(target: { prototype: object }): string[] {
  const prototype = target.prototype as Record<string, object>;
  return Object.getOwnPropertyNames(prototype).flatMap((method) => {
    const fn = prototype[method];
    if (method === 'constructor' || typeof fn !== 'function') return [];
    const key = Reflect.getMetadataKeys(fn).find((k: unknown) => typeof k === 'symbol' && k.description === 'ON_TIMER');
    return key === undefined ? [] : [Reflect.getMetadata(key, fn) as string];
  });
}

describe("the rental's process", () => {
  it('applies only triggers of the state machine', () => {
    expect(applied.filter((t) => !isOrderTrigger(t))).toEqual([]);
  });

  it('drives every trigger of ORDER_TRANSITIONS, each from one step', () => {
    expect([...applied].sort()).toEqual([...ORDER_TRIGGERS].sort());
  });

  it('enters customer_cancelled from the order.cancel command and rental_extended from the invoice of an extension', () => {
    const cancel = steps.find((s) => s.applies === 'customer_cancelled');
    expect(cancel?.startedBy).toMatchObject({ kind: 'command', contract: orderCancelV1, handledIn: 'commands/cancel-order.handler.ts' });
    // order.extend (commands/extend-order.handler.ts) only prices the extension and has it invoiced; paying that invoice extends.
    expect(RENTAL_PROCESS.stepFor(invoicePaidV1, { extensionId: 'e' })?.applies).toBe('rental_extended');
    expect(RENTAL_PROCESS.stepFor(invoicePaidV1, {})?.applies).toBe('payment_received');
  });

  it('acts only in statuses its trigger can move from', () => {
    for (const s of steps) {
      if (s.onlyIn === undefined || s.applies === undefined) continue;
      expect({ step: s.name, from: s.onlyIn.filter((status) => !Object.hasOwn(ORDER_TRANSITIONS[s.applies!], status)) }).toEqual({ step: s.name, from: [] });
    }
  });

  it('cancels with order.cancelled exactly in the steps whose trigger is a cancellation', () => {
    const cancelling = steps.filter((s) => s.publishes.includes(orderCancelledV1)).map((s) => s.applies);
    expect(cancelling.sort()).toEqual([...CANCELLATION_REASONS].sort());
  });

  it('arms only timers that some step waits for', () => {
    const armed = new Set(steps.flatMap((s) => s.arms ?? []));
    // The rental's end is armed with its reminders.
    expect([...armed].sort()).toEqual(['paymentWindow', 'rentalEnd']);
    expect([...RENTAL_PROCESS.timers].sort()).toEqual(['endReminder', 'paymentWindow', 'rentalEnd']);
  });

  it('hears only facts that name their order', () => {
    const withoutOrderId = RENTAL_PROCESS.messages.filter((c) => !('orderId' in ((c.schema as unknown as { shape?: object }).shape ?? {})));
    expect(withoutOrderId.map((c) => c.type)).toEqual([]);
  });

  it('is what the manager subscribes to: the messages and timers the definition lists, no more', () => {
    const handled = handlerMethodsOf(RentalProcessManager).flatMap((m) => m.handles);
    expect(handled).toEqual([...RENTAL_PROCESS.messages]);
    expect(timerKindsOf(RentalProcessManager).sort()).toEqual(RENTAL_PROCESS.timers.map((t) => RENTAL_TIMERS[t]).sort());
  });
});
