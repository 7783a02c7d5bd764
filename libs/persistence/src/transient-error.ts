/**
 * PostgreSQL SQLSTATEs that say "try again later", not "this can never work":
 * class 08 connection exceptions, serialization failure, deadlock, lock not available,
 * too many connections, and the server shutting down or starting up.
 */
const TRANSIENT_SQLSTATES = new Set(['40001', '40P01', '55P03', '53300', '57P01', '57P02', '57P03']);

const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

const TRANSIENT_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down)/i,
  /Connection is not established/i,
  /is not currently accepting connections/i,
];

/** True when an error from the database layer is worth retrying unchanged. */
export function isTransientDatabaseError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof e.code === 'string') {
      if (TRANSIENT_SQLSTATES.has(e.code) || e.code.startsWith('08') || TRANSIENT_NODE_CODES.has(e.code)) {
        return true;
      }
    }
    if (typeof e.message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(e.message as string))) {
      return true;
    }
    // TypeORM wraps the driver's error; Node wraps causes.
    current = e.driverError ?? e.cause;
  }
  return false;
}
