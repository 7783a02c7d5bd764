import { copyDate } from '@rental/clock';
import { err, ok, type Result } from '@rental/result';
import { z } from 'zod';
import { isMessageKind, type MessageKind } from './message-kind';
import { assertRetryPolicy, DEFAULT_RETRY_POLICY, deliveryRetryDelayMs, type RetryPolicy } from './retry-policy';

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export type DeliveryAttempt = { readonly at: Date; readonly outcome: 'sent' } | { readonly at: Date; readonly outcome: 'failed'; readonly error: string };

/** Everything a delivery is, for a repository to store and restore. */
export interface DeliveryState {
  readonly id: string;
  /**
   * The id of the event that asked for this mail. The application stores it under a unique key, so
   * an event consumed twice (or a relay that published twice) still sends one mail.
   */
  readonly causingEventId: string;
  readonly kind: MessageKind;
  readonly recipient: string;
  readonly status: DeliveryStatus;
  readonly createdAt: Date;
  readonly attempts: readonly DeliveryAttempt[];
  /** When the next attempt is due; null once the delivery is sent or has failed for good. */
  readonly nextAttemptAt: Date | null;
}

export type CreateDelivery = Pick<DeliveryState, 'id' | 'causingEventId' | 'kind' | 'recipient'>;

// Domain events: facts inside the notification service. No recipient in them: they may travel further than the delivery log.
export interface DeliverySent {
  readonly type: 'delivery.sent';
  readonly deliveryId: string;
  readonly causingEventId: string;
  readonly kind: MessageKind;
  readonly attempt: number;
  readonly at: Date;
}

export interface DeliveryRetryScheduled {
  readonly type: 'delivery.retry-scheduled';
  readonly deliveryId: string;
  readonly attempt: number;
  readonly error: string;
  readonly nextAttemptAt: Date;
  readonly at: Date;
}

export interface DeliveryFailed {
  readonly type: 'delivery.failed';
  readonly deliveryId: string;
  readonly causingEventId: string;
  readonly kind: MessageKind;
  readonly attempts: number;
  readonly error: string;
  readonly at: Date;
}

export type DeliveryEvent = DeliverySent | DeliveryRetryScheduled | DeliveryFailed;

/** An outcome reported for a delivery that is already settled, e.g. a sender that retried after a crash. */
export interface DeliveryNotPending {
  readonly reason: 'not_pending';
  readonly status: Exclude<DeliveryStatus, 'pending'>;
}

/** A call the application should never make: malformed input or a stored state that breaks the rules. */
export class InvalidDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidDeliveryError';
  }
}

/** Mail servers can answer at length; the delivery log keeps what explains the failure. */
const MAX_ERROR_LENGTH = 1_000;

const emailAddress = z.email();

/**
 * One mail to one recipient, from the moment an event asks for it until it is sent or has failed
 * for good. Each outcome returns the event it causes; a failure schedules the next attempt with
 * exponential backoff until the policy's attempts are used up.
 */
export class Delivery {
  private constructor(
    private state: DeliveryState,
    private readonly policy: RetryPolicy,
  ) {}

  /** A new delivery, due at once. */
  static create(input: CreateDelivery, at: Date, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Delivery {
    const createdAt = validDate(at, 'creation time');
    return Delivery.restore({ ...input, status: 'pending', createdAt, attempts: [], nextAttemptAt: createdAt }, policy);
  }

  /** Rebuilds a delivery from what a repository stored; nothing happened, so no events. */
  static restore(state: DeliveryState, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Delivery {
    return new Delivery(copyState(assertInvariants(state)), assertRetryPolicy(policy));
  }

  get id(): string {
    return this.state.id;
  }

  get causingEventId(): string {
    return this.state.causingEventId;
  }

  get status(): DeliveryStatus {
    return this.state.status;
  }

  get nextAttemptAt(): Date | null {
    return this.state.nextAttemptAt === null ? null : new Date(this.state.nextAttemptAt.getTime());
  }

  /** A copy: changing it does not change the delivery. */
  snapshot(): DeliveryState {
    return copyState(this.state);
  }

  /** Whether the sender should try now: pending, and its next attempt time has come. */
  isDue(now: Date): boolean {
    const next = this.state.nextAttemptAt;
    return this.state.status === 'pending' && next !== null && next.getTime() <= validDate(now, 'now').getTime();
  }

  recordSuccess(at: Date): Result<DeliverySent, DeliveryNotPending> {
    const settled = this.settledStatus();
    if (settled) return err({ reason: 'not_pending', status: settled });
    const when = validDate(at, 'attempt time');
    this.state = {
      ...this.state,
      status: 'sent',
      attempts: [...this.state.attempts, { at: when, outcome: 'sent' }],
      nextAttemptAt: null,
    };
    return ok({
      type: 'delivery.sent',
      deliveryId: this.state.id,
      causingEventId: this.state.causingEventId,
      kind: this.state.kind,
      attempt: this.state.attempts.length,
      at: new Date(when.getTime()),
    });
  }

  /** Records a failed attempt: the next one is scheduled, or, with the attempts used up, the delivery has failed. */
  recordFailure(error: string, at: Date): Result<DeliveryRetryScheduled | DeliveryFailed, DeliveryNotPending> {
    const settled = this.settledStatus();
    if (settled) return err({ reason: 'not_pending', status: settled });
    const when = validDate(at, 'attempt time');
    const reason = describeError(error);
    const attempts = [...this.state.attempts, { at: when, outcome: 'failed' as const, error: reason }];
    const failedAttempts = attempts.length;
    if (failedAttempts >= this.policy.maxAttempts) {
      this.state = { ...this.state, status: 'failed', attempts, nextAttemptAt: null };
      return ok({
        type: 'delivery.failed',
        deliveryId: this.state.id,
        causingEventId: this.state.causingEventId,
        kind: this.state.kind,
        attempts: failedAttempts,
        error: reason,
        at: new Date(when.getTime()),
      });
    }
    const nextAttemptAt = new Date(when.getTime() + deliveryRetryDelayMs(failedAttempts, this.policy));
    this.state = { ...this.state, attempts, nextAttemptAt };
    return ok({
      type: 'delivery.retry-scheduled',
      deliveryId: this.state.id,
      attempt: failedAttempts,
      error: reason,
      nextAttemptAt: new Date(nextAttemptAt.getTime()),
      at: new Date(when.getTime()),
    });
  }

  private settledStatus(): Exclude<DeliveryStatus, 'pending'> | null {
    return this.state.status === 'pending' ? null : this.state.status;
  }
}

function describeError(error: string): string {
  const trimmed = error.trim();
  if (trimmed === '') return 'unknown error';
  return trimmed.length > MAX_ERROR_LENGTH ? `${trimmed.slice(0, MAX_ERROR_LENGTH - 1)}…` : trimmed;
}

// A pending delivery may hold more attempts than the policy allows, after a deployment lowered
// maxAttempts: its next failure settles it, so that is not a broken state.
function assertInvariants(state: DeliveryState): DeliveryState {
  const fail = (message: string): never => {
    throw new InvalidDeliveryError(`delivery ${state.id}: ${message}`);
  };
  if (state.id.trim() === '') fail('a delivery needs an id');
  if (state.causingEventId.trim() === '') fail('a delivery needs the id of the event that caused it');
  if (!isMessageKind(state.kind)) fail(`unknown message kind "${state.kind}"`);
  if (!emailAddress.safeParse(state.recipient).success) fail('the recipient is not an email address');
  validDate(state.createdAt, 'creation time');
  state.attempts.forEach((attempt) => validDate(attempt.at, 'attempt time'));
  const last = state.attempts.at(-1);
  if (state.attempts.slice(0, -1).some((attempt) => attempt.outcome === 'sent')) fail('only the last attempt can have succeeded');
  switch (state.status) {
    case 'pending':
      if (state.nextAttemptAt === null) fail('a pending delivery needs its next attempt time');
      else validDate(state.nextAttemptAt, 'next attempt time');
      if (last?.outcome === 'sent') fail('a sent attempt makes the delivery sent');
      break;
    case 'sent':
      if (last?.outcome !== 'sent') fail('a sent delivery ends with a successful attempt');
      if (state.nextAttemptAt !== null) fail('a sent delivery has no next attempt');
      break;
    case 'failed':
      if (last?.outcome !== 'failed') fail('a failed delivery ends with a failed attempt');
      if (state.nextAttemptAt !== null) fail('a failed delivery has no next attempt');
      break;
    default:
      fail(`unknown status "${String(state.status)}"`);
  }
  return state;
}

function validDate(date: Date, what: string): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new InvalidDeliveryError(`the ${what} must be a valid date`);
  }
  return date;
}

// Date is mutable; copying on the way in and out keeps the delivery the only one who changes its state.
function copyState(state: DeliveryState): DeliveryState {
  return {
    ...state,
    createdAt: copyDate(state.createdAt),
    attempts: state.attempts.map((attempt) => ({ ...attempt, at: copyDate(attempt.at) })),
    nextAttemptAt: state.nextAttemptAt === null ? null : copyDate(state.nextAttemptAt),
  };
}
