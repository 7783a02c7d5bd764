import { Money } from '@rental/money';
import type { LedgerEntry } from './invoice-ledger';
import type { BookedTransfer, Refund } from './invoice-types';

/** What part of a bank transfer the invoice takes: all of it up to what is owed; the excess goes back to the payer. */
export function transferShare(amount: Money, owed: Money): { applied: Money; excess: Money } {
  const applied = amount.compare(owed) > 0 ? owed : amount;
  return { applied, excess: amount.subtract(applied) };
}

/** Every booked transfer with what it still holds (booked less refunded to it), the newest first. */
export function heldPerTransfer(bankTransfers: readonly BookedTransfer[], refunds: readonly Refund[], ledger: readonly LedgerEntry[]): BookedTransfer[] {
  const booked = new Map(bankTransfers.map((transfer) => [transfer.transferId, transfer.amount]));
  const held: BookedTransfer[] = [];
  for (const entry of [...ledger].reverse()) {
    const amount = entry.kind === 'payment' ? booked.get(entry.reference) : undefined;
    if (amount === undefined) continue;
    const refunded = refunds
      .filter((refund) => refund.transferId === entry.reference)
      .reduce((total, refund) => total.add(refund.amount), Money.zero(amount.currency));
    held.push({ transferId: entry.reference, amount: amount.subtract(refunded) });
  }
  return held;
}

/** The booked transfers that still hold money, the newest first. */
export function transfersHolding(bankTransfers: readonly BookedTransfer[], refunds: readonly Refund[], ledger: readonly LedgerEntry[]): BookedTransfer[] {
  return heldPerTransfer(bankTransfers, refunds, ledger).filter((share) => share.amount.isPositive());
}
