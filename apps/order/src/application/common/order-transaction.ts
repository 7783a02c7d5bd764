import type { EventDefinition, PayloadOf } from '@rental/contracts';
import type { Transaction } from '@rental/persistence';

/**
 * What changing an order needs, whether an event (EventContext), a timer (TimerContext) or a step of
 * the rental's process caused it: the transaction, and the outbox in it. `P` narrows what may be
 * published, so a helper says which facts it publishes and a step cannot hand it more than it declared.
 */
export interface OrderTransaction<P extends EventDefinition = EventDefinition> {
  readonly manager: Transaction;
  readonly publish: <D extends P>(contract: D & P, key: string, payload: PayloadOf<D>) => Promise<unknown>;
  /** Type only: what the transaction may publish, so one that may publish less is not handed to a helper that needs more. */
  readonly mayPublish?: (contract: P) => void;
}
