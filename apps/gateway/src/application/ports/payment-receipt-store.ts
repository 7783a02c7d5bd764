import type { Transaction } from '@rental/persistence';

/** A provider webhook's event, remembered by its id so that a redelivery sends nothing. */
export interface PaymentReceipt {
  eventId: string;
  type: string;
  paymentId: string;
  receivedAt: Date;
}

export interface PaymentReceiptStore {
  /** Stores the receipt unless one with its event id exists; false: received before. */
  recordFirst(tx: Transaction, receipt: PaymentReceipt): Promise<boolean>;
}

export const PAYMENT_RECEIPT_STORE = Symbol('PAYMENT_RECEIPT_STORE');
