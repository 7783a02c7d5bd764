import type { Transaction } from '@rental/persistence';

/** A provider webhook's event, remembered by its id so that a redelivery sends nothing. */
export interface PaymentReceipt {
  eventId: string;
  type: string;
  paymentId: string;
  receivedAt: Date;
}

/** The payment provider's webhooks received, by their event id, so a redelivered one is answered but acted on once. */
export abstract class PaymentReceiptStore {
  /** Stores the receipt unless one with its event id exists; false: received before. */
  abstract recordFirst(tx: Transaction, receipt: PaymentReceipt): Promise<boolean>;
}
