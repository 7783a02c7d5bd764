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

export interface ExtensionReadModel {
  find(customerId: string, orderId: string, extensionId: string, tx?: Transaction): Promise<ExtensionRecord | null>;
  /** The extensions of an order in the order they were answered. */
  forOrder(tx: Transaction, customerId: string, orderId: string): Promise<ExtensionRecord[]>;

  recordAccepted(tx: Transaction, extension: PayloadOf<typeof orderExtensionAcceptedV1>): Promise<void>;
  recordRejected(tx: Transaction, extension: PayloadOf<typeof orderExtensionRejectedV1>): Promise<void>;
  recordApplied(tx: Transaction, extended: PayloadOf<typeof orderExtendedV1>): Promise<void>;
  /** Every extension of the order still waiting (neither refused, applied nor lapsed) lapses, except the ones named. */
  lapsePending(tx: Transaction, orderId: string, at: string, exceptExtensionIds: string[]): Promise<void>;
}

export const EXTENSION_READ_MODEL = Symbol('EXTENSION_READ_MODEL');
