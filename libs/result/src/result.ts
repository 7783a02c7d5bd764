/**
 * The outcome of a rule that may refuse. A refusal (an illegal move, a bad period) is an expected
 * answer that the caller turns into a 4xx or a dead letter, so it is a value, not an exception;
 * exceptions stay for broken invariants, which are bugs.
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err<E>(error: E): Result<never, E> {
  return { ok: false, error };
}
