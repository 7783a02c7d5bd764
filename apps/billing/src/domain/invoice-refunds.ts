import type { Money } from '@rental/money';
import { InvalidInvoiceError, requireText, validDate } from './invoice-checks';
import { parseRefundNumber, seriesYearOf } from './invoice-number';
import type { BookedTransfer, CreditCommand, Refund, RefundDocument, RefundShare } from './invoice-types';

/**
 * Who gets money back when `credit` is credited on an invoice that owes `balance`: whatever of it is
 * more than the balance was paid, and goes back where it came from: first to the payers of bank
 * transfers still holding money (`holding`, the newest first), then the rest through the payment
 * provider. Empty when the credit is covered by what is still owed.
 */
export function refundShares(credit: Money, balance: Money, holding: readonly BookedTransfer[]): RefundShare[] {
  let left = credit.subtract(balance);
  const shares: RefundShare[] = [];
  for (const held of holding) {
    if (!left.isPositive()) break;
    const amount = held.amount.compare(left) < 0 ? held.amount : left;
    shares.push({ amount, transferId: held.transferId });
    left = left.subtract(amount);
  }
  if (left.isPositive()) shares.push({ amount: left });
  return shares;
}

/** The refunds of a credit note of invoice `invoiceNumber` for `shares` (see refundShares), with the command's numbers. */
export function refundsFor(invoiceNumber: string, command: CreditCommand, shares: readonly RefundShare[], at: Date): Refund[] {
  const { refund } = command;
  if (shares.length === 0) {
    if (refund !== undefined)
      throw new InvalidInvoiceError(`invoice ${invoiceNumber} holds no money it owes back: there is nothing to refund with credit note ${command.number}`);
    return [];
  }
  if (refund === undefined) {
    throw new InvalidInvoiceError(
      `invoice ${invoiceNumber} is paid (in part): credit note ${command.number} needs the refund of what it credits beyond the balance`,
    );
  }
  if (refund.numbers.length !== shares.length) {
    throw new InvalidInvoiceError(
      `credit note ${command.number} needs ${shares.length} refund number(s), one per payer to pay back (got ${refund.numbers.length})`,
    );
  }
  return shares.map((share, index): Refund => {
    const document = { ...refundDocument({ number: refund.numbers[index]!, reason: refund.reason }, at), amount: share.amount };
    return share.transferId === undefined
      ? { ...document, paymentId: requireText(refund.paymentId ?? '', 'payment id of the refund through the payment provider') }
      : { ...document, transferId: share.transferId };
  });
}

/** A refund's number and reason, dated, its number checked against the year of its date. */
export function refundDocument(refund: RefundDocument, at: Date): RefundDocument & { readonly issuedAt: Date } {
  const issuedAt = validDate(at, 'refund date');
  const { year } = parseRefundNumber(refund.number);
  if (year !== seriesYearOf(issuedAt)) {
    throw new InvalidInvoiceError(`refund ${refund.number} is numbered in ${year}'s series but issued in ${seriesYearOf(issuedAt)}`);
  }
  return { number: refund.number, issuedAt, reason: refund.reason };
}
