import { SetMetadata } from '@nestjs/common';

export const ON_TIMER = Symbol('ON_TIMER');

/**
 * Marks a provider method as what happens when timers of `kind` come due. It runs in the
 * transaction that marks the timer fired, so its effect happens once, even with several instances:
 *
 *   @OnTimer('order.payment-window')
 *   async onPaymentWindowClosed(timer: ArmedTimer<{ orderId: string }>, ctx: TimerContext) { ... }
 */
export const OnTimer = (kind: string): MethodDecorator => SetMetadata(ON_TIMER, kind);
