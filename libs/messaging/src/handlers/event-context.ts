import type { EventDefinition, EventEnvelope, PayloadOf } from '@rental/contracts';
import type { EntityManager } from 'typeorm';
import type { Outbox } from '../outbox/outbox';

/** What a handler gets besides the event: the transaction, and a way to emit follow-up events in it. */
export class EventContext {
  constructor(
    readonly event: EventEnvelope,
    readonly manager: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  /** Records a follow-up event in the same transaction, caused by and correlated with this one. */
  publish<D extends EventDefinition>(definition: D, key: string, payload: PayloadOf<D>): Promise<EventEnvelope<PayloadOf<D>>> {
    return this.outbox.record(this.manager, definition, key, payload, {
      correlationId: this.event.correlationId,
      causationId: this.event.id,
    });
  }
}

export type EventHandlerFn = (event: EventEnvelope, ctx: EventContext) => Promise<void>;

export type InvalidEventHandlerFn = (event: EventEnvelope<unknown>, problem: string, ctx: EventContext) => Promise<void>;
