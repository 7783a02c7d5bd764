import { z } from 'zod';
import type { DeadLetterReason } from './dead-letter';
import { allowedSenders, type EventDefinition } from './define-event';
import { CLOUDEVENTS_SPEC_VERSION, EnvelopeHeader, type EventEnvelope } from './envelope';
import { type EventRegistry, formatIssues } from './event-registry';
import { topicOf } from './topics';

/** A Kafka record as this codec sees it, independent of the client library. */
export interface WireMessage {
  key: string | Buffer | null;
  value: string | Buffer | null;
  headers: Record<string, string | Buffer | (string | Buffer)[] | undefined>;
}

export interface EncodedMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Why a message could not be turned into a valid event; travels as a dead-letter header. */
export type PoisonReason = Exclude<DeadLetterReason, 'handler-failed'>;

export type DecodeResult =
  | { ok: true; envelope: EventEnvelope; definition: EventDefinition }
  | {
      ok: false;
      reason: PoisonReason;
      detail: string;
      /** For a schema violation: the envelope as it came, its payload unvalidated, so a handler can answer the sender. */
      invalid?: { envelope: EventEnvelope<unknown>; definition: EventDefinition };
    };

export function encodeEnvelope(envelope: EventEnvelope): EncodedMessage {
  const headers: Record<string, string> = {
    [EnvelopeHeader.specVersion]: CLOUDEVENTS_SPEC_VERSION,
    [EnvelopeHeader.id]: envelope.id,
    [EnvelopeHeader.type]: envelope.type,
    [EnvelopeHeader.source]: envelope.source,
    [EnvelopeHeader.time]: envelope.occurredAt,
    [EnvelopeHeader.subject]: envelope.key,
    [EnvelopeHeader.schemaVersion]: String(envelope.version),
    [EnvelopeHeader.correlationId]: envelope.correlationId,
    [EnvelopeHeader.contentType]: 'application/json',
  };
  if (envelope.causationId !== null) {
    headers[EnvelopeHeader.causationId] = envelope.causationId;
  }
  return { key: envelope.key, value: JSON.stringify(envelope.payload), headers };
}

export function headerText(headers: WireMessage['headers'], name: string): string | undefined {
  const raw = headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined ? undefined : value.toString();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = z.iso.datetime({ offset: true });

/** Where a consumer read the message: the topic decides whose word it is. */
export interface ReceivedOn {
  topic: string;
  /** The deployment's topic prefix (KAFKA_TOPIC_PREFIX). */
  topicPrefix: string;
}

/**
 * A message is its owner's word only on the owner's topic and under a sender its contract names:
 * a fact from its producer, a command from its senders. Why not, or null when it is.
 * (Who may write a topic at all is the broker's ACLs; this refuses what slipped past them or was
 * written where no ACL is enforced, such as a development broker.)
 */
export function provenanceProblem(definition: EventDefinition, source: string, receivedOn: ReceivedOn): string | null {
  const expectedTopic = topicOf(definition, receivedOn.topicPrefix);
  const senders = allowedSenders(definition);
  const what = definition.kind === 'command' ? `the command ${definition.type}` : `${definition.producer}'s fact ${definition.type}`;
  if (receivedOn.topic !== expectedTopic) {
    return `${what} travels only on ${expectedTopic}; this one came on ${receivedOn.topic} (${EnvelopeHeader.source} "${source}")`;
  }
  if (!senders.includes(source)) {
    return `${what} is accepted only from ${senders.join(', ')}; this one names ${EnvelopeHeader.source} "${source}"`;
  }
  return null;
}

/**
 * Turns a Kafka record into a validated envelope, or says precisely why it cannot. Given where it
 * was read, a message from anyone but its owner is refused before its payload is even looked at.
 */
export function decodeMessage(message: WireMessage, registry: EventRegistry, receivedOn?: ReceivedOn): DecodeResult {
  const h = (name: string) => headerText(message.headers, name);
  const specVersion = h(EnvelopeHeader.specVersion);
  const id = h(EnvelopeHeader.id);
  const type = h(EnvelopeHeader.type);
  const versionText = h(EnvelopeHeader.schemaVersion);
  const source = h(EnvelopeHeader.source);
  const occurredAt = h(EnvelopeHeader.time);
  const correlationId = h(EnvelopeHeader.correlationId);
  // An empty Kafka key counts as no key: fall back to the CloudEvents subject.
  const key = message.key?.toString() || h(EnvelopeHeader.subject);

  const missing = [
    !specVersion ? EnvelopeHeader.specVersion : null,
    !id || !UUID.test(id) ? `${EnvelopeHeader.id} (a UUID)` : null,
    !type ? EnvelopeHeader.type : null,
    !versionText || !/^[1-9]\d*$/.test(versionText) ? `${EnvelopeHeader.schemaVersion} (a positive integer)` : null,
    !source ? EnvelopeHeader.source : null,
    !occurredAt || !ISO_TIME.safeParse(occurredAt).success ? `${EnvelopeHeader.time} (an ISO-8601 time)` : null,
    !correlationId ? EnvelopeHeader.correlationId : null,
    !key ? 'message key (the aggregate id)' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length > 0) {
    return { ok: false, reason: 'missing-metadata', detail: `missing or invalid: ${missing.join(', ')}` };
  }
  // Another spec version may mean other headers or another content mode: read as 1.0 it could be misread.
  if (specVersion !== CLOUDEVENTS_SPEC_VERSION) {
    return {
      ok: false,
      reason: 'unsupported-spec-version',
      detail: `${EnvelopeHeader.specVersion} "${specVersion}" is not supported; supported: ${CLOUDEVENTS_SPEC_VERSION}`,
    };
  }

  const version = Number(versionText);
  const definition = registry.find(type!, version);
  if (!definition) {
    if (!registry.knowsType(type!)) {
      return { ok: false, reason: 'unknown-type', detail: `no contract for event type "${type}"` };
    }
    return {
      ok: false,
      reason: 'unsupported-version',
      detail: `${type} v${version} is not supported; supported: ${registry.versionsOf(type!).join(', ')}`,
    };
  }
  const forged = receivedOn === undefined ? null : provenanceProblem(definition, source!, receivedOn);
  if (forged !== null) return { ok: false, reason: 'forged-source', detail: forged };

  let payload: unknown;
  try {
    payload = JSON.parse(message.value?.toString() ?? '');
  } catch (error) {
    return { ok: false, reason: 'malformed-json', detail: (error as Error).message };
  }

  const envelope = {
    id: id!,
    type: type!,
    version,
    source: source!,
    occurredAt: occurredAt!,
    correlationId: correlationId!,
    causationId: h(EnvelopeHeader.causationId) ?? null,
    key: key!,
  };
  const parsed = definition.schema.safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      reason: 'schema-violation',
      detail: formatIssues(parsed.error.issues),
      invalid: { envelope: { ...envelope, payload }, definition },
    };
  }
  return { ok: true, definition, envelope: { ...envelope, payload: parsed.data } };
}
