/** What the gateway remembers about a request made under an Idempotency-Key. */
export interface IdempotentRequestRecord {
  /** SHA-256 of the request's canonical form (what it asks, of which order). */
  readonly requestHash: string;
}

export type IdempotencyVerdict<R extends IdempotentRequestRecord> = { kind: 'first' } | { kind: 'replay'; stored: R } | { kind: 'key_reused' };

/**
 * A key seen for the first time sends a command; the same key with the same request is a retry
 * and gets the first answer again; the same key with another request (another body, another
 * order, another operation) is a client bug, refused rather than guessed at.
 */
export function judgeIdempotentRequest<R extends IdempotentRequestRecord>(stored: R | undefined, requestHash: string): IdempotencyVerdict<R> {
  if (!stored) return { kind: 'first' };
  if (stored.requestHash === requestHash) return { kind: 'replay', stored };
  return { kind: 'key_reused' };
}
