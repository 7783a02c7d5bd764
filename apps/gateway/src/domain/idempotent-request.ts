/** What the gateway remembers about a request made under an Idempotency-Key. */
export interface IdempotentRequestRecord {
  /** SHA-256 of the request's canonical body. */
  readonly requestHash: string;
  /** The order the first request placed. */
  readonly orderId: string;
}

export type IdempotencyVerdict =
  | { kind: 'first' }
  | { kind: 'replay'; orderId: string }
  | { kind: 'key_reused'; orderId: string };

/**
 * A key seen for the first time places an order; the same key with the same body is a retry and
 * gets the first answer again; the same key with another body is a client bug, refused rather
 * than guessed at.
 */
export function judgeIdempotentRequest(stored: IdempotentRequestRecord | undefined, requestHash: string): IdempotencyVerdict {
  if (!stored) return { kind: 'first' };
  if (stored.requestHash === requestHash) return { kind: 'replay', orderId: stored.orderId };
  return { kind: 'key_reused', orderId: stored.orderId };
}
