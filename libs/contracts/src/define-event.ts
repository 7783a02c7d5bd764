import type { z } from 'zod';

/**
 * An event is a fact its owner publishes (`order.placed`); a command is a request its owner handles
 * (`order.place`), which only the senders its contract names may send. Both are versioned contracts
 * with an owner, and the owner decides the topic: `rental.<owner>.events.v1` or `rental.<owner>.commands.v1`.
 */
export type MessageKind = 'event' | 'command';

/**
 * One version of one event type, owned by the service (or external system) that produces it.
 * A breaking change to a payload is a new definition with the next version; both stay
 * registered for as long as anyone still publishes the old one.
 */
export interface EventDefinition<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  /** Past-tense fact, `<aggregate>.<fact>`, e.g. `order.placed`. */
  readonly type: TType;
  readonly version: number;
  /** Who owns it: the publisher of an event, the handler of a command; decides the topic. */
  readonly producer: string;
  /** Defaults to 'event'. */
  readonly kind?: MessageKind;
  /**
   * For a command: the services or systems allowed to send it (its `ce_source`, and the principals
   * allowed to write its topic). Anyone else's command is refused as forged. Not used for events,
   * whose only sender is their producer.
   */
  readonly senders?: readonly string[];
  /**
   * For a command, or an event that asks for an answer (a rental request, a bank transfer): the
   * facts that answer it, so a sender knows what to wait for. Published in AsyncAPI as the reply.
   */
  readonly answeredBy?: readonly string[];
  /** What the Kafka key (the aggregate id) identifies, e.g. "order id". */
  readonly key: string;
  readonly description: string;
  readonly schema: TSchema;
  /**
   * The payload holds a secret (e.g. a one-time password): the outbox row is deleted as soon as it
   * is published instead of being kept for inspection, and consumers must not log or store it.
   */
  readonly containsSecrets?: boolean;
  /** A realistic payload; published in the AsyncAPI document for other systems to copy. */
  readonly example?: z.input<TSchema>;
}

export type PayloadOf<D extends EventDefinition> = z.infer<D['schema']>;

const EVENT_TYPE = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

export function defineEvent<TType extends string, TSchema extends z.ZodType>(definition: EventDefinition<TType, TSchema>): EventDefinition<TType, TSchema> {
  if (!EVENT_TYPE.test(definition.type)) {
    throw new Error(`event type "${definition.type}" must look like "<aggregate>.<past-tense-fact>"`);
  }
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    throw new Error(`event ${definition.type}: version must be a positive integer`);
  }
  const isCommand = definition.kind === 'command';
  if (isCommand && (definition.senders === undefined || definition.senders.length === 0)) {
    throw new Error(`command ${definition.type}: name its senders, the only services allowed to send it`);
  }
  if (!isCommand && definition.senders !== undefined) {
    throw new Error(`event ${definition.type}: an event has one sender, its producer; senders is for commands`);
  }
  if (definition.example !== undefined) {
    const checked = definition.schema.safeParse(definition.example);
    if (!checked.success) {
      throw new Error(`event ${definition.type} v${definition.version}: the example does not satisfy the schema: ${checked.error.message}`);
    }
  }
  if (definition.answeredBy !== undefined && !definition.answeredBy.every((type) => EVENT_TYPE.test(type))) {
    throw new Error(`${definition.type}: answeredBy names event types, like "${definition.type}-rejected"`);
  }
  return Object.freeze({ ...definition, ...(definition.senders ? { senders: Object.freeze([...definition.senders]) } : {}) });
}

/** Who may send a message of this definition: its producer for an event, its named senders for a command. */
export function allowedSenders(definition: Pick<EventDefinition, 'producer' | 'kind' | 'senders'>): readonly string[] {
  return definition.kind === 'command' ? (definition.senders ?? []) : [definition.producer];
}
