import type { EventContext } from '@rental/messaging';

/**
 * What changing an order needs, whether an event (EventContext) or a timer (TimerContext) caused
 * it: the transaction, and the outbox in it.
 */
export type OrderTransaction = Pick<EventContext, 'manager' | 'publish'>;
