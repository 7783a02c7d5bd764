import type { Transaction } from '@rental/persistence';
import type { RefundReason } from '../../domain/invoice-types';

/** A refund the payment provider carries out (one through a payment of the provider's), as the refund worker needs it. */
export interface ProviderRefund {
  readonly number: string;
  readonly invoiceNumber: string;
  readonly orderId: string;
  readonly paymentId: string;
  readonly reason: RefundReason;
  readonly amountCents: number;
  readonly currency: string;
  /** Calls to the provider so far. */
  readonly attempts: number;
  /** Of the event that decided the refund, which payment.refunded names. */
  readonly correlationId: string;
  readonly causationId: string | null;
}

/** Refunds waiting for the payment provider, and what came of each call. */
export abstract class RefundStore {
  /**
   * Takes the pending refund due first and row-locks it until the transaction ends, skipping those
   * another worker holds, so two instances never carry out the same refund at once.
   */
  abstract claimDue(tx: Transaction, now: Date): Promise<ProviderRefund | null>;

  abstract confirm(tx: Transaction, number: string, providerRefundId: string, confirmedAt: Date): Promise<void>;

  abstract recordFailure(tx: Transaction, number: string, error: string, nextAttemptAt: Date): Promise<void>;

  /** When the earliest pending refund is due, if any is pending. */
  abstract nextDueAt(tx: Transaction): Promise<Date | undefined>;
}

/** Where the refund worker hears that refunds committed (WorkNotices). */
export const REFUND_NOTICES = Symbol('REFUND_NOTICES');
