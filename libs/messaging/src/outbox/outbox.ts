import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { allowedSenders, encodeEnvelope, type EventDefinition, type EventEnvelope, type PayloadOf, topicOf } from '@rental/contracts';
import type { EntityManager } from 'typeorm';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';

export interface EventOrigin {
  /** Carried over from the request or event that started the work. */
  correlationId: string;
  /** The event that caused this one, if any. */
  causationId?: string | null;
}

/**
 * Records events in the outbox inside the caller's transaction; the relay publishes them once
 * that transaction has committed. Publishing is therefore exactly as durable as the state change.
 *
 * The relay publishes in outbox id order. Two transactions about the same aggregate keep their
 * order because the second waits on the aggregate's row lock before it records its events, so it
 * draws the higher id; record events after changing (and so locking) the aggregate.
 */
@Injectable()
export class Outbox {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record<D extends EventDefinition>(
    manager: EntityManager,
    definition: D,
    key: string,
    payload: PayloadOf<D>,
    origin: EventOrigin,
  ): Promise<EventEnvelope<PayloadOf<D>>> {
    // Facts are published only by their owner, commands sent only by the senders their contract
    // names: anything else would be refused as forged by every consumer.
    if (!allowedSenders(definition).includes(this.options.service)) {
      throw new Error(
        `${this.options.service} may not send ${definition.type}: ` +
          (definition.kind === 'command' ? `only ${allowedSenders(definition).join(', ')} may` : `it is owned by ${definition.producer}`),
      );
    }
    if (!this.options.registry.find(definition.type, definition.version)) {
      throw new Error(`${definition.type} v${definition.version} is not in this service's event registry`);
    }
    const parsed = this.options.registry.parseForPublish(definition, payload) as PayloadOf<D>;
    const id = randomUUID();
    const envelope: EventEnvelope<PayloadOf<D>> = {
      id,
      type: definition.type,
      version: definition.version,
      source: this.options.service,
      occurredAt: this.clock.now().toISOString(),
      correlationId: origin.correlationId,
      causationId: origin.causationId ?? null,
      key,
      payload: parsed,
    };
    const message = encodeEnvelope(envelope);
    await manager.query(
      `INSERT INTO messaging_outbox (event_id, event_type, topic, key, headers, value, contains_secrets)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, definition.type, topicOf(definition, this.options.topicPrefix), message.key, message.headers, message.value, definition.containsSecrets === true],
    );
    return envelope;
  }
}
