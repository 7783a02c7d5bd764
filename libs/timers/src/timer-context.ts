import type { EventDefinition, EventEnvelope, PayloadOf } from '@rental/contracts';
import type { Outbox } from '@rental/messaging';
import type { EntityManager } from 'typeorm';
import type { ArmedTimer } from './durable-timers';

/** What a timer handler gets: the transaction that fires the timer, and the outbox in it. */
export class TimerContext {
  constructor(
    readonly timer: ArmedTimer,
    readonly manager: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  /** Records an event in the firing transaction, caused by the timer and correlated with what armed it. */
  publish<D extends EventDefinition>(definition: D, key: string, payload: PayloadOf<D>): Promise<EventEnvelope<PayloadOf<D>>> {
    return this.outbox.record(this.manager, definition, key, payload, {
      correlationId: this.timer.correlationId ?? this.timer.id,
      causationId: null,
    });
  }
}

export type TimerHandlerFn = (timer: ArmedTimer, ctx: TimerContext) => Promise<void>;
