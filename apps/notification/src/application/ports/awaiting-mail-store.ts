import type { Transaction } from '@rental/persistence';
import type { MessageKind } from '../../domain/message-kind';

/** A mail request parked until its order's customer is known. */
export interface AwaitingMail {
  readonly causingEventId: string;
  readonly correlationId: string;
  readonly orderId: string;
  readonly kind: MessageKind;
  /** The template's input; it may hold a one-time root password, so it is kept only until taken. */
  readonly input: unknown;
}

/**
 * Mails asked for by an event that names only the order before this service has seen the order's
 * order.placed (the two travel on different topics, so a lagging partition can deliver them the other
 * way round). They wait here and become deliveries once the customer is known, instead of failing the
 * event and losing the mail. Every call runs in the caller's transaction.
 */
export abstract class AwaitingMailStore {
  /** Parks a mail; a request from the same causing event parked before is kept as it is. */
  abstract park(tx: Transaction, mail: AwaitingMail, at: Date): Promise<void>;

  /** Takes (reads and deletes) every mail waiting for this order's customer, oldest first. */
  abstract takeForOrder(tx: Transaction, orderId: string): Promise<AwaitingMail[]>;
}
