/**
 * What a consumer adds to a message it sets aside on its dead-letter topic (`rental.<service>.dlq.v1`):
 * the original key, headers and value travel as they came (secrets redacted), with these headers.
 * Part of the wire contract: operators' tools and other systems read them.
 */
export const DeadLetterHeader = {
  reason: 'dlq_reason',
  detail: 'dlq_detail',
  topic: 'dlq_original_topic',
  partition: 'dlq_original_partition',
  offset: 'dlq_original_offset',
  consumer: 'dlq_consumer',
  failedAt: 'dlq_failed_at',
  /** Present when the value was redacted: `fields` (secret fields replaced) or `value` (dropped whole). */
  redacted: 'dlq_redacted',
} as const;

/**
 * Why a message was set aside: a contract failure, a sender that is not the message's owner, or a
 * handler that kept failing for a non-transient reason.
 */
export const DEAD_LETTER_REASONS = [
  'missing-metadata',
  'unsupported-spec-version',
  'forged-source',
  'malformed-json',
  'unknown-type',
  'unsupported-version',
  'schema-violation',
  'handler-failed',
] as const;

export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];
