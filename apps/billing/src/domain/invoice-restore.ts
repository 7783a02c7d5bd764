import type { Money } from '@rental/money';
import { InvalidInvoiceError, validDate, validPeriod } from './invoice-checks';
import { InvoiceLedger } from './invoice-ledger';
import { statusOf } from './invoice-payments';
import { heldPerTransfer } from './invoice-transfers';
import type { InvoiceState } from './invoice-types';

/**
 * A stored invoice re-checked, so corrupt rows fail on load, not later: its documents, bank
 * transfers and status agree with its ledger. Answers the state (dates copied) and the ledger.
 */
export function checkedInvoiceState({ ledger: entries, ...state }: InvoiceState): { state: Omit<InvoiceState, 'ledger'>; ledger: InvoiceLedger } {
  const ledger = InvoiceLedger.fromEntries(entries);
  const fail = (problem: string) => new InvalidInvoiceError(`invoice ${state.number}: ${problem}`);
  if (!ledger.totals.invoiced.equals(state.totals.gross)) {
    throw fail(`ledger invoiced ${ledger.totals.invoiced}, totals say ${state.totals.gross}`);
  }
  // Each credit note and refund is a ledger entry of its number and amount, and the other way round.
  const documented = (kind: 'credit_note' | 'refund', documents: readonly { number: string; amount: Money }[]) => {
    const entered = ledger.entries.filter((entry) => entry.kind === kind);
    const matches =
      entered.length === documents.length &&
      documents.every((document) => entered.some((entry) => entry.reference === document.number && entry.amount.equals(document.amount)));
    if (!matches) throw fail(`its ${kind.replace('_', ' ')}s do not match its ledger`);
  };
  documented(
    'credit_note',
    state.creditNotes.map((note) => ({ number: note.number, amount: note.totals.gross })),
  );
  documented('refund', state.refunds);
  // Each booked transfer is a payment of its amount, and gets back at most what it paid.
  for (const transfer of state.bankTransfers) {
    const payment = ledger.entries.find((entry) => entry.kind === 'payment' && entry.reference === transfer.transferId);
    if (payment === undefined || !payment.amount.equals(transfer.amount)) throw fail(`bank transfer ${transfer.transferId} does not match its ledger`);
  }
  for (const refund of state.refunds) {
    if (refund.transferId === undefined) continue;
    if (!state.bankTransfers.some((transfer) => transfer.transferId === refund.transferId)) {
      throw fail(`refund ${refund.number} goes to bank transfer ${refund.transferId}, which is not booked on it`);
    }
  }
  const implied = statusOf(ledger.totals);
  if (state.status !== implied) {
    throw fail(`status ${state.status} contradicts its ledger, which says ${implied}`);
  }
  const dates = { issuedAt: validDate(state.issuedAt, 'issue date'), dueAt: validDate(state.dueAt, 'due date') };
  const period = state.period === undefined ? {} : { period: validPeriod(state.period) };
  const overdrawn = heldPerTransfer(state.bankTransfers, state.refunds, ledger.entries).find((share) => share.amount.isNegative());
  if (overdrawn !== undefined) throw fail(`bank transfer ${overdrawn.transferId} got back more than it paid`);
  return { state: { ...state, ...dates, ...period }, ledger };
}
