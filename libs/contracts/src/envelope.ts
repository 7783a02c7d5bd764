/**
 * The metadata every event carries, whoever produced it. On Kafka it travels in
 * CloudEvents-style headers (binary content mode) and the payload is the message value.
 */
export interface EventEnvelope<TPayload = unknown> {
  /** UUID, unique per event; consumers deduplicate on it. */
  readonly id: string;
  readonly type: string;
  readonly version: number;
  /** The producing service or system. */
  readonly source: string;
  /** ISO-8601 UTC. */
  readonly occurredAt: string;
  /** Shared by every event that one request (or one external trigger) set off. */
  readonly correlationId: string;
  /** The id of the event that caused this one; null when a request or timer started it. */
  readonly causationId: string | null;
  /** The aggregate id; also the Kafka key, so one aggregate's events keep their order. */
  readonly key: string;
  readonly payload: TPayload;
}

/** Kafka header names; the `ce_` prefix follows the CloudEvents Kafka protocol binding. */
export const EnvelopeHeader = {
  specVersion: 'ce_specversion',
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  subject: 'ce_subject',
  schemaVersion: 'ce_schemaversion',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
  contentType: 'content-type',
} as const;

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
