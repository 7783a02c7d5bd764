import type { KafkaMessage } from 'kafkajs';

/** Header names on a dead-lettered message; the original headers, key and value are kept as they were. */
export const DeadLetterHeader = {
  reason: 'dlq_reason',
  detail: 'dlq_detail',
  topic: 'dlq_original_topic',
  partition: 'dlq_original_partition',
  offset: 'dlq_original_offset',
  consumer: 'dlq_consumer',
  failedAt: 'dlq_failed_at',
} as const;

/**
 * Why a message was set aside: a contract failure, a sender that is not the message's owner, or a
 * handler that kept failing for a non-transient reason.
 */
export type DeadLetterReason =
  | 'missing-metadata'
  | 'unsupported-spec-version'
  | 'forged-source'
  | 'malformed-json'
  | 'unknown-type'
  | 'unsupported-version'
  | 'schema-violation'
  | 'handler-failed';

export interface DeadLetter {
  reason: DeadLetterReason;
  detail: string;
  topic: string;
  partition: number;
  message: KafkaMessage;
  consumer: string;
  failedAt: Date;
}

export function deadLetterMessage(letter: DeadLetter): {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string | Buffer | (string | Buffer)[]>;
} {
  const original: Record<string, string | Buffer | (string | Buffer)[]> = {};
  for (const [name, value] of Object.entries(letter.message.headers ?? {})) {
    if (value !== undefined) original[name] = value;
  }
  return {
    key: letter.message.key,
    value: letter.message.value,
    headers: {
      ...original,
      [DeadLetterHeader.reason]: letter.reason,
      // Header values are bytes on the wire; keep a runaway validation message from bloating them.
      [DeadLetterHeader.detail]: [...letter.detail].slice(0, 2_000).join(''),
      [DeadLetterHeader.topic]: letter.topic,
      [DeadLetterHeader.partition]: String(letter.partition),
      [DeadLetterHeader.offset]: letter.message.offset,
      [DeadLetterHeader.consumer]: letter.consumer,
      [DeadLetterHeader.failedAt]: letter.failedAt.toISOString(),
    },
  };
}
