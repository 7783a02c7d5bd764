import { DEAD_LETTER_REASONS, DeadLetterHeader, type DeadLetterReason, EnvelopeHeader } from '@rental/contracts';
import type { IHeaders, KafkaMessage, Message } from 'kafkajs';

/** Where a dead letter sits: its dead-letter topic, partition and offset. The key its decisions are recorded under. */
export interface DeadLetterAddress {
  topic: string;
  partition: number;
  offset: string;
}

/** A message read back from a dead-letter topic, with what its headers say about it. */
export interface DeadLetterRecord {
  /** The service whose consumer set it aside. */
  service: string;
  at: DeadLetterAddress;
  reason: DeadLetterReason | 'unknown';
  detail: string;
  original: { topic: string; partition: number; offset: string };
  consumer: string;
  failedAt: string;
  eventId: string | undefined;
  eventType: string | undefined;
  /** Set when the dead-lettering redacted the value (`fields` or `value`): the original cannot be rebuilt. */
  redacted: string | undefined;
  /** The message as it sits on the dead-letter topic: the original key, value and headers plus the dead-letter headers. */
  message: KafkaMessage;
}

export interface DeadLetterFilter {
  reason?: string;
  type?: string;
}

const DEAD_LETTER_HEADER_NAMES = new Set<string>(Object.values(DeadLetterHeader));

const text = (headers: IHeaders | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value[0] : value)?.toString();
};

export function readDeadLetter(service: string, topic: string, partition: number, message: KafkaMessage): DeadLetterRecord {
  const headers = message.headers;
  const reason = text(headers, DeadLetterHeader.reason);
  return {
    service,
    at: { topic, partition, offset: message.offset },
    reason: (DEAD_LETTER_REASONS as readonly string[]).includes(reason ?? '') ? (reason as DeadLetterReason) : 'unknown',
    detail: text(headers, DeadLetterHeader.detail) ?? '',
    original: {
      topic: text(headers, DeadLetterHeader.topic) ?? '',
      partition: Number(text(headers, DeadLetterHeader.partition) ?? NaN),
      offset: text(headers, DeadLetterHeader.offset) ?? '',
    },
    consumer: text(headers, DeadLetterHeader.consumer) ?? '',
    failedAt: text(headers, DeadLetterHeader.failedAt) ?? '',
    eventId: text(headers, EnvelopeHeader.id),
    eventType: text(headers, EnvelopeHeader.type),
    redacted: text(headers, DeadLetterHeader.redacted),
    message,
  };
}

export function matchesFilter(record: DeadLetterRecord, filter: DeadLetterFilter): boolean {
  return (filter.reason === undefined || record.reason === filter.reason) && (filter.type === undefined || record.eventType === filter.type);
}

/** The original message's headers as text, without the ones the dead-lettering added: what `show` prints. */
export function originalHeaders(record: DeadLetterRecord): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record.message.headers ?? {})
      .filter(([name, value]) => !DEAD_LETTER_HEADER_NAMES.has(name) && value !== undefined)
      .map(([name, value]) => [name, (Array.isArray(value) ? value.map(String).join(', ') : value!.toString()) as string]),
  );
}

/** Why a dead letter cannot be published again as it came, or undefined when it can. */
export function unreplayableBecause(record: DeadLetterRecord): string | undefined {
  if (record.redacted !== undefined) {
    return `its value was redacted when it was dead-lettered (${record.redacted}): the original cannot be rebuilt, so it must be repaired at its source`;
  }
  if (!record.original.topic || !Number.isInteger(record.original.partition) || record.original.partition < 0) {
    return 'it does not say which topic and partition it came from';
  }
  return undefined;
}

/**
 * The original message, byte for byte: its key, value and every header it came with, minus the
 * dead-letter headers, to its original topic and partition. Kept whole so that the consumer
 * checks it exactly as it checked the original: ce_source against the topic's owner, the schema,
 * and its ce_id against the inbox (which makes a copy of an applied event harmless).
 */
export function replayMessage(record: DeadLetterRecord): { topic: string; message: Message } {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(record.message.headers ?? {})) {
    if (!DEAD_LETTER_HEADER_NAMES.has(name) && value !== undefined) headers[name] = value;
  }
  return {
    topic: record.original.topic,
    message: { key: record.message.key, value: record.message.value, headers, partition: record.original.partition },
  };
}
