import type { Transaction } from '@rental/persistence';
import type { DeliveryState } from '../../domain/delivery';
import type { Language } from '../../domain/language';
import type { RenderedMessage } from '../../domain/templates/template';

/** A delivery with what the log keeps beside the domain's state. */
export interface StoredDelivery {
  readonly state: DeliveryState;
  readonly orderId: string;
  readonly correlationId: string;
  readonly language: Language;
  /** The mail to send; null once the delivery is settled (the content is cleared then). */
  readonly content: RenderedMessage | null;
}

/**
 * The delivery log: every mail this service was asked to send, its attempts and its outcome. Every
 * call runs in the caller's transaction, except the worker's look-ahead (nextDueAt).
 */
export abstract class DeliveryStore {
  /** Stores a new delivery; false when one for the same causing event exists already (a duplicate event). */
  abstract addIfNew(tx: Transaction, delivery: StoredDelivery & { content: RenderedMessage }): Promise<boolean>;

  /**
   * The earliest due pending delivery, locked until the transaction ends. A delivery another sender
   * (this instance's other lanes, or another instance) holds is passed over, not waited for, so each
   * mail is in exactly one sender's hands at a time.
   */
  abstract claimDue(tx: Transaction, now: Date): Promise<StoredDelivery | null>;

  /**
   * Writes the outcome of an attempt. A settled delivery loses its content: it may hold a one-time
   * root password, which must not outlive its one trip to the customer.
   */
  abstract saveOutcome(tx: Transaction, state: DeliveryState, settledAt: Date | null): Promise<void>;

  /** When the next pending delivery falls due, so the worker can wake then instead of polling for it. */
  abstract nextDueAt(): Promise<Date | null>;
}
