/**
 * Named points in the delivery pipeline where a crash is hardest to survive. Production binds a
 * no-op; the crash tests bind an injector that kills the process there, to prove nothing is lost
 * or doubled when a process dies at the worst moment.
 */
export type FaultPoint =
  /** A batch has been fetched and nothing of it applied; a test may crash the consumer here (an injector that throws). */
  | 'consumer.batch-started'
  /** The consumer's effect and inbox row have committed; the Kafka offset has not. */
  | 'consumer.effect-committed'
  /** The relay's batch is on the broker; the outbox rows are not yet marked published. */
  | 'relay.batch-published';

export interface FaultInjector {
  reached(point: FaultPoint): void | Promise<void>;
}

export const FAULT_INJECTOR = Symbol('FAULT_INJECTOR');

export const noFaults: FaultInjector = { reached: () => undefined };
