import { Injectable } from '@nestjs/common';
import { orderEndApproachedV1 } from '@rental/contracts';
import { type ArmedTimer, OnTimer, type TimerContext } from '@rental/timers';
import { type LoadedOrder, RentalSteps } from './rental-steps';
import { END_REMINDER, type EndReminderPayload, type OrderTimerPayload, PAYMENT_WINDOW, RENTAL_END } from './rental-timers';

/**
 * What happens when an order's time comes. Each handler checks the order still waits for it: a
 * timer disarmed in a transaction that committed after this one locked the timer can still fire once.
 */
@Injectable()
export class RentalTimersHandler {
  constructor(private readonly steps: RentalSteps) {}

  @OnTimer(PAYMENT_WINDOW)
  async onPaymentWindowClosed(timer: ArmedTimer<OrderTimerPayload>, ctx: TimerContext): Promise<void> {
    const loaded = await this.load(ctx, timer.payload.orderId);
    if (loaded.order.status !== 'awaiting_payment') return;
    await this.steps.cancel(ctx, loaded, 'payment_window_closed', `the invoice was not paid by ${timer.dueAt.toISOString()}`);
  }

  @OnTimer(END_REMINDER)
  async onEndApproaching(timer: ArmedTimer<EndReminderPayload>, ctx: TimerContext): Promise<void> {
    const loaded = await this.load(ctx, timer.payload.orderId);
    const { status, period, customerId, id } = loaded.order.snapshot();
    // An extension re-arms the reminders for the new end; one for an old end says nothing true.
    if (status !== 'running' || period.end.toISOString() !== timer.payload.endsAt) return;
    const { daysLeft } = timer.payload;
    await this.steps.note(ctx, loaded, 'end_reminder_sent', `the rental ends in ${daysLeft} day(s), at ${timer.payload.endsAt}`);
    await ctx.publish(orderEndApproachedV1, id, { orderId: id, customerId, endsAt: timer.payload.endsAt, daysLeft, remindedAt: timer.dueAt.toISOString() });
  }

  @OnTimer(RENTAL_END)
  async onRentalEnded(timer: ArmedTimer<OrderTimerPayload>, ctx: TimerContext): Promise<void> {
    const loaded = await this.load(ctx, timer.payload.orderId);
    if (loaded.order.status !== 'running') return;
    await this.steps.end(ctx, loaded);
  }

  private async load(ctx: TimerContext, orderId: string): Promise<LoadedOrder> {
    const loaded = await this.steps.load(ctx, orderId);
    // Orders are never deleted, so a timer without its order is a bug: the runner retries and logs it.
    if (!loaded) throw new Error(`timer ${ctx.timer.kind} for unknown order ${orderId}`);
    return loaded;
  }
}
