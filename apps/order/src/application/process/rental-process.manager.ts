import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import type { EventDefinition, EventEnvelope } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { type ArmedTimer, OnTimer, type TimerContext } from '@rental/timers';
import type { OrderEvent } from '../../domain/order';
import { ORDER_SETTINGS, type OrderSettings } from '../../order-settings';
import { OrderTimeline } from '../common/order-timeline';
import type { OrderTransaction } from '../common/order-transaction';
import { RentalRequestAnswers } from '../common/rental-request-answers';
import { ExtensionStore } from '../ports/extension-store';
import { type LoadedOrder, OrderStore } from '../ports/order-store';
import { QuoteStore } from '../ports/quote-store';
import type { ProcessStep, ProcessStores, StepRun } from './process-step';
import { type CustomerCancellation, RENTAL_PROCESS } from './rental-process';
import { type ArmableTimer, RENTAL_TIMERS, type RentalTimer, RentalTimers } from './rental-timers';

/**
 * Runs the rental's process (rental-process.ts): every message and timer the definition names comes
 * here, starts its step, and the step moves the order and publishes in the transaction that consumed
 * the message or fired the timer. A fact that does not fit the order's status changes nothing.
 */
@Injectable()
export class RentalProcessManager {
  private readonly logger = new Logger(RentalProcessManager.name);
  private readonly stores: ProcessStores;

  constructor(
    orders: OrderStore,
    quotes: QuoteStore,
    extensions: ExtensionStore,
    private readonly timeline: OrderTimeline,
    private readonly timers: RentalTimers,
    private readonly requestAnswers: RentalRequestAnswers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDER_SETTINGS) private readonly settings: OrderSettings,
  ) {
    this.stores = { orders, quotes, extensions };
  }

  /** Every fact a step starts on; each names its order. One about an order never placed is a fault upstream: the consumer dead-letters it. */
  @HandleEvent(...RENTAL_PROCESS.messages)
  async advance(event: EventEnvelope, ctx: EventContext): Promise<void> {
    const { orderId } = event.payload as { orderId: string };
    const loaded = await this.stores.orders.loadForUpdate(ctx.manager, orderId);
    if (!loaded) throw new Error(`${event.type} for unknown order ${orderId}`);
    const started = RENTAL_PROCESS.stepFor(event, event.payload);
    if (started !== undefined) await this.run(started, event.payload, loaded, ctx, this.clock.now());
  }

  @OnTimer(RENTAL_TIMERS.paymentWindow)
  onPaymentWindowDue(timer: ArmedTimer<{ orderId: string }>, ctx: TimerContext): Promise<void> {
    return this.advanceOnTimer('paymentWindow', timer, ctx);
  }

  @OnTimer(RENTAL_TIMERS.endReminder)
  onEndReminderDue(timer: ArmedTimer<{ orderId: string }>, ctx: TimerContext): Promise<void> {
    return this.advanceOnTimer('endReminder', timer, ctx);
  }

  @OnTimer(RENTAL_TIMERS.rentalEnd)
  onRentalEndDue(timer: ArmedTimer<{ orderId: string }>, ctx: TimerContext): Promise<void> {
    return this.advanceOnTimer('rentalEnd', timer, ctx);
  }

  /** order.cancel, once its handler has checked it: false when the order's status cannot be cancelled. */
  cancelByCustomer(ctx: OrderTransaction, loaded: LoadedOrder, cancellation: CustomerCancellation): Promise<boolean> {
    return this.run(RENTAL_PROCESS.stepNamed('customer cancels'), cancellation, loaded, ctx, this.clock.now());
  }

  /**
   * Each timer's step checks the order still waits for it: a timer disarmed in a transaction that
   * committed after this one locked the timer can still fire once.
   */
  private async advanceOnTimer(name: RentalTimer, timer: ArmedTimer<{ orderId: string }>, ctx: TimerContext): Promise<void> {
    const loaded = await this.stores.orders.loadForUpdate(ctx.manager, timer.payload.orderId);
    // Orders are never deleted, so a timer without its order is a bug: the runner retries and logs it.
    if (!loaded) throw new Error(`timer ${ctx.timer.kind} for unknown order ${timer.payload.orderId}`);
    await this.run(RENTAL_PROCESS.stepOnTimer(name), timer, loaded, ctx, this.clock.now());
  }

  /** Runs a step and the steps that follow it; true when it moved the order. */
  private async run(step: ProcessStep, input: unknown, loaded: LoadedOrder, tx: OrderTransaction, now: Date): Promise<boolean> {
    if (step.onlyIn !== undefined && !step.onlyIn.includes(loaded.order.status)) return false;
    const { run, moved } = this.stepRun(step, input, loaded, tx, now);
    if (step.guard !== undefined && !step.guard.holds(run)) return false;
    await (step.action ?? ((r) => r.apply().then(() => undefined)))(run);
    if (!moved()) return false;
    for (const follower of RENTAL_PROCESS.followersOf(step.name)) await this.run(follower, input, loaded, tx, now);
    return true;
  }

  private stepRun(step: ProcessStep, input: unknown, loaded: LoadedOrder, tx: OrderTransaction, now: Date) {
    const { order, customer } = loaded;
    let moved = false;
    const trigger = step.applies;
    const changed = async (events: readonly OrderEvent[]) => {
      moved = true;
      await this.stores.orders.save(tx.manager, order);
      await this.timeline.publish(tx, order.snapshot().customerId, events);
      if (step.disarms !== undefined) await this.timers.disarmAll(tx.manager, order.id);
    };
    const run: StepRun<unknown, EventDefinition, ArmableTimer> = {
      input,
      order,
      customer,
      now,
      settings: this.settings,
      stores: this.stores,
      requestAnswers: this.requestAnswers,
      manager: tx.manager,
      publish: (contract, key, payload) => {
        if (!step.publishes.includes(contract)) throw new Error(`step "${step.name}" publishes ${contract.type}, which it does not declare`);
        return tx.publish(contract, key, payload);
      },
      arm: {
        paymentWindow: (closesAt) => this.timers.armPaymentWindow(tx.manager, order.id, closesAt),
        rentalEnd: (end) => this.timers.armEnd(tx.manager, order.id, end, now),
      },
      get trigger() {
        if (trigger === undefined) throw new Error(`step "${step.name}" applies no trigger`);
        return trigger;
      },
      apply: async (detail) => {
        if (trigger === undefined || trigger === 'rental_extended') throw new Error(`step "${step.name}" has no trigger to apply`);
        const result = order.apply(trigger, now, detail);
        if (!result.ok) {
          this.logger.warn(`${trigger} ignored for order ${order.id} in ${order.status}: ${result.error.reason}`);
          return false;
        }
        await changed(result.value);
        return true;
      },
      extend: async (newEnd) => {
        if (trigger !== 'rental_extended') throw new Error(`step "${step.name}" does not extend the rental`);
        const result = order.extend(newEnd, now);
        if (result.ok) await changed(result.value);
        return result;
      },
      note: async (detail) => {
        if (step.notes === undefined) throw new Error(`step "${step.name}" declares no note`);
        await this.timeline.note(tx, loaded, step.notes, detail);
        moved = true;
      },
      warn: (message) => this.logger.warn(message),
    };
    return { run, moved: () => moved };
  }
}
