import type { EventDefinition } from './define-event';

/**
 * Topic naming: every producer (service or external system) publishes all of its events to one
 * topic, `rental.<producer>.events.v1`, keyed by aggregate id, so that one aggregate's events
 * stay in order whatever their type. Each consuming service has one dead-letter topic.
 * The `.v1` changes only if the key's meaning changes; payload versions live in the envelope.
 * A prefix (e.g. a test run's id) keeps clusters shared by several runs apart.
 */
export function eventsTopic(producer: string, prefix = ''): string {
  return `${prefix}rental.${producer}.events.v1`;
}

export function deadLetterTopic(consumer: string, prefix = ''): string {
  return `${prefix}rental.${consumer}.dlq.v1`;
}

/** Commands to an owner travel on their own topic, keyed like its events. */
export function commandsTopic(owner: string, prefix = ''): string {
  return `${prefix}rental.${owner}.commands.v1`;
}

/** The topic a message of this definition travels on. */
export function topicOf(definition: Pick<EventDefinition, 'producer' | 'kind'>, prefix = ''): string {
  return definition.kind === 'command' ? commandsTopic(definition.producer, prefix) : eventsTopic(definition.producer, prefix);
}
