import type { bankTransferFlaggedV1, PayloadOf } from '@rental/contracts';
import type { Transaction } from '@rental/persistence';

/** What became of a bank transfer: booked on its invoice (in full or up to the balance), or flagged whole. */
export type BankTransferOutcome = 'settled' | 'partially_paid' | 'flagged';

/** A bank transfer as finance reported it, once per transfer id. */
export interface BankTransferRecord {
  readonly transferId: string;
  /** The event that brought it first. */
  readonly eventId: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly payerName: string;
  readonly payerIban: string | null;
  /** As the payer wrote it. */
  readonly reference: string;
  readonly receivedAt: Date;
  /** The invoice its reference named, if billing has it. */
  readonly invoiceNumber: string | null;
  readonly outcome: BankTransferOutcome;
  /** What the invoice took: its ledger's payment of this transfer; 0 when flagged. */
  readonly appliedCents: number;
  readonly recordedAt: Date;
}

export type FlagReason = PayloadOf<typeof bankTransferFlaggedV1>['reason'];

/** Money billing owes back to the payer of a bank transfer, for finance to pay back by bank. */
export interface PayerRefundRecord {
  readonly transferId: string;
  readonly reason: FlagReason;
  readonly amountCents: number;
  readonly currency: string;
  readonly invoiceNumber: string | null;
  readonly refundNumber: string | null;
  readonly detail: string;
  readonly flaggedAt: Date;
}

/** Bank transfers finance reported, and the money owed back to their payers. */
export abstract class BankTransferStore {
  abstract exists(tx: Transaction, transferId: string): Promise<boolean>;

  abstract find(tx: Transaction, transferId: string): Promise<BankTransferRecord | null>;

  /** Its primary key on the transfer id is the backstop should the same transfer ever slip past exists(). */
  abstract insert(tx: Transaction, transfer: BankTransferRecord): Promise<void>;

  abstract insertPayerRefund(tx: Transaction, refund: PayerRefundRecord): Promise<void>;
}
