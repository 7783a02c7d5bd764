import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import { DurableTimers } from '@rental/timers';
import { endReminders } from '../../domain/rental-end';
import { ORDER_SETTINGS, type OrderSettings } from '../../order-settings';

/** The order's timers by name, and the kind each is stored under (kept as they are: armed timers carry them). */
export const RENTAL_TIMERS = {
  paymentWindow: 'order.payment-window',
  rentalEnd: 'order.rental-end',
  endReminder: 'order.end-reminder',
} as const;

export type RentalTimer = keyof typeof RENTAL_TIMERS;

export interface OrderTimerPayload extends Record<string, unknown> {
  orderId: string;
}

export interface EndReminderPayload extends OrderTimerPayload {
  daysLeft: number;
  endsAt: string;
}

/** The timers a step of the rental's process may arm, by the name the process declares them under. */
export interface TimerArming {
  /** The payment window, closing at `closesAt`. */
  paymentWindow(closesAt: Date): Promise<void>;
  /** The rental's end and its reminders; arming again after an extension moves all of them. */
  rentalEnd(end: Date): Promise<void>;
}

export type ArmableTimer = keyof TimerArming;

/** The order's timers: each is armed and disarmed in the transaction that changes the order. */
@Injectable()
export class RentalTimers {
  constructor(
    private readonly timers: DurableTimers,
    @Inject(ORDER_SETTINGS) private readonly settings: OrderSettings,
  ) {}

  armPaymentWindow(tx: Transaction, orderId: string, closesAt: Date): Promise<void> {
    return this.timers.schedule(tx, { kind: RENTAL_TIMERS.paymentWindow, key: orderId, dueAt: closesAt, payload: { orderId } });
  }

  async armEnd(tx: Transaction, orderId: string, end: Date, now: Date): Promise<void> {
    await this.timers.schedule(tx, { kind: RENTAL_TIMERS.rentalEnd, key: orderId, dueAt: end, payload: { orderId } });
    const due = endReminders(end, this.settings.endReminderDays, now);
    for (const daysLeft of this.settings.endReminderDays) {
      const reminder = due.find((r) => r.daysLeft === daysLeft);
      if (reminder === undefined) {
        await this.timers.cancel(tx, RENTAL_TIMERS.endReminder, reminderKey(orderId, daysLeft));
        continue;
      }
      const payload: EndReminderPayload = { orderId, daysLeft, endsAt: end.toISOString() };
      await this.timers.schedule(tx, { kind: RENTAL_TIMERS.endReminder, key: reminderKey(orderId, daysLeft), dueAt: reminder.at, payload });
    }
  }

  /** Nothing is left to wait for once a rental stops: every timer of the order is disarmed. */
  async disarmAll(tx: Transaction, orderId: string): Promise<void> {
    await this.timers.cancel(tx, RENTAL_TIMERS.paymentWindow, orderId);
    await this.timers.cancel(tx, RENTAL_TIMERS.rentalEnd, orderId);
    for (const daysLeft of this.settings.endReminderDays) await this.timers.cancel(tx, RENTAL_TIMERS.endReminder, reminderKey(orderId, daysLeft));
  }
}

const reminderKey = (orderId: string, daysLeft: number) => `${orderId}:${daysLeft}d`;
