import type { orderExtendedV1, orderExtensionAcceptedV1, orderExtensionRejectedV1, PayloadOf } from '@rental/contracts';
import type { Transaction } from '@rental/persistence';

type Accepted = PayloadOf<typeof orderExtensionAcceptedV1>;

/** An extension of a rental as the order service answered it: priced (accepted) or refused, and what became of it. */
export interface ExtensionRecord {
  extensionId: string;
  orderId: string;
  customerId: string;
  description: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  price: Accepted['price'] | null;
  paymentDueAt: Date | null;
  rejectionReason: PayloadOf<typeof orderExtensionRejectedV1>['reason'] | null;
  rejectionDetail: string | null;
  appliedAt: Date | null;
  lapsedAt: Date | null;
  recordedAt: Date;
}

/**
 * The extensions of the customers' rentals as the order service answered them, kept from its events
 * in the projection's transaction; a late or repeated event changes nothing it should not.
 */
export abstract class ExtensionReadModel {
  abstract find(customerId: string, orderId: string, extensionId: string, tx?: Transaction): Promise<ExtensionRecord | null>;
  /** The extensions of an order in the order they were answered. */
  abstract forOrder(tx: Transaction, customerId: string, orderId: string): Promise<ExtensionRecord[]>;

  abstract recordAccepted(tx: Transaction, extension: PayloadOf<typeof orderExtensionAcceptedV1>): Promise<void>;
  abstract recordRejected(tx: Transaction, extension: PayloadOf<typeof orderExtensionRejectedV1>): Promise<void>;
  abstract recordApplied(tx: Transaction, extended: PayloadOf<typeof orderExtendedV1>): Promise<void>;
  /** Every extension of the order still waiting (neither refused, applied nor lapsed) lapses, except the ones named. */
  abstract lapsePending(tx: Transaction, orderId: string, at: string, exceptExtensionIds: string[]): Promise<void>;
}
