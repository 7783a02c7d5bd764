import { Inject, Injectable } from '@nestjs/common';
import { DurableTimers } from '@rental/timers';
import type { EntityManager } from 'typeorm';
import { endReminders } from '../domain/rental-end';
import { ORDER_SETTINGS, type OrderSettings } from '../order-settings';

export const PAYMENT_WINDOW = 'order.payment-window';
export const RENTAL_END = 'order.rental-end';
export const END_REMINDER = 'order.end-reminder';

export interface OrderTimerPayload extends Record<string, unknown> {
  orderId: string;
}

export interface EndReminderPayload extends OrderTimerPayload {
  daysLeft: number;
  endsAt: string;
}

/** The order's timers, by name: each is armed and disarmed in the transaction that changes the order. */
@Injectable()
export class RentalTimers {
  constructor(
    private readonly timers: DurableTimers,
    @Inject(ORDER_SETTINGS) private readonly settings: OrderSettings,
  ) {}

  armPaymentWindow(manager: EntityManager, orderId: string, closesAt: Date): Promise<void> {
    return this.timers.schedule(manager, { kind: PAYMENT_WINDOW, key: orderId, dueAt: closesAt, payload: { orderId } });
  }

  /** The end and its reminders; arming again after an extension moves all of them. */
  async armEnd(manager: EntityManager, orderId: string, end: Date, now: Date): Promise<void> {
    await this.timers.schedule(manager, { kind: RENTAL_END, key: orderId, dueAt: end, payload: { orderId } });
    const due = endReminders(end, this.settings.endReminderDays, now);
    for (const daysLeft of this.settings.endReminderDays) {
      const reminder = due.find((r) => r.daysLeft === daysLeft);
      if (reminder === undefined) {
        await this.timers.cancel(manager, END_REMINDER, reminderKey(orderId, daysLeft));
        continue;
      }
      const payload: EndReminderPayload = { orderId, daysLeft, endsAt: end.toISOString() };
      await this.timers.schedule(manager, { kind: END_REMINDER, key: reminderKey(orderId, daysLeft), dueAt: reminder.at, payload });
    }
  }

  /** Nothing is left to wait for once a rental stops: every timer of the order is disarmed. */
  async disarmAll(manager: EntityManager, orderId: string): Promise<void> {
    await this.timers.cancel(manager, PAYMENT_WINDOW, orderId);
    await this.timers.cancel(manager, RENTAL_END, orderId);
    for (const daysLeft of this.settings.endReminderDays) await this.timers.cancel(manager, END_REMINDER, reminderKey(orderId, daysLeft));
  }
}

const reminderKey = (orderId: string, daysLeft: number) => `${orderId}:${daysLeft}d`;
