import { Money } from '@rental/money';

/**
 * What moved, seen from the invoice: it was invoiced once; payments and credit notes reduce what the
 * customer owes; a refund gives paid money back, so it is owed again unless a credit note cancels it.
 */
export type LedgerEntryKind = 'invoiced' | 'payment' | 'credit_note' | 'refund';

export interface LedgerEntry {
  readonly kind: LedgerEntryKind;
  /** Always positive: the kind gives the direction. */
  readonly amount: Money;
  readonly at: Date;
  /**
   * The document or money the movement came from: the invoice number, the payment provider's event
   * id for a payment (the payment id in entries written before each receipt had its own), the
   * credit note number, the refund number.
   */
  readonly reference: string;
}

export interface LedgerTotals {
  readonly invoiced: Money;
  readonly paid: Money;
  readonly credited: Money;
  readonly refunded: Money;
  /** Still owed by the customer: invoiced - paid - credited + refunded. Derived, never stored. */
  readonly balance: Money;
}

export class LedgerInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LedgerInvariantError';
  }
}

/**
 * The append-only record of an invoice's money movements. Every total, the balance included, is
 * derived from the entries, so a stored balance can never drift from the movements behind it.
 *
 * Invariants, true after every step: the balance is never below zero (a customer cannot pay or be
 * credited more than they owe), no more is refunded than was paid (together: no more is credited
 * than was invoiced), and no document or payment is entered twice. A step may add several entries that only
 * together keep them: money that arrives for an invoice that no longer takes it is entered as the
 * payment and its refund, since between the two the balance would be negative.
 */
export class InvoiceLedger {
  private constructor(
    readonly entries: readonly LedgerEntry[],
    readonly totals: LedgerTotals,
  ) {}

  static opened(amount: Money, at: Date, invoiceNumber: string): InvoiceLedger {
    return InvoiceLedger.fromEntries([{ kind: 'invoiced', amount, at, reference: invoiceNumber }]);
  }

  /**
   * Rebuilds a ledger from stored entries. Each entry is checked as it would have been when added;
   * the totals are checked once at the end, because the steps the entries were added in are not
   * stored and a payment returned at once overdraws the balance between its two entries.
   */
  static fromEntries(entries: readonly LedgerEntry[]): InvoiceLedger {
    const [first, ...rest] = entries;
    if (first === undefined || first.kind !== 'invoiced') {
      throw new LedgerInvariantError('a ledger starts with exactly one invoiced entry');
    }
    checkEntry(first);
    const opened = new InvoiceLedger([copyOf(first)], addToTotals(emptyTotals(first.amount), first));
    return opened.appendAll(rest);
  }

  get balance(): Money {
    return this.totals.balance;
  }

  /** A new ledger with `entry` added; throws if the entry is malformed or would break an invariant. */
  append(entry: LedgerEntry): InvoiceLedger {
    return this.appendAll([entry]);
  }

  /** A new ledger with `entries` added as one step: the invariants must hold once all of them are in. */
  appendAll(entries: readonly LedgerEntry[]): InvoiceLedger {
    let totals = this.totals;
    const added: LedgerEntry[] = [];
    for (const entry of entries) {
      if (entry.kind === 'invoiced') {
        throw new LedgerInvariantError('an invoice is invoiced once; corrections are credit notes');
      }
      checkEntry(entry);
      if (this.has(entry.kind, entry.reference) || added.some((other) => other.kind === entry.kind && other.reference === entry.reference)) {
        throw new LedgerInvariantError(`${entry.kind} ${entry.reference} is in the ledger already`);
      }
      totals = addToTotals(totals, entry);
      added.push(copyOf(entry));
    }
    const step = entries.map((entry) => `${entry.kind} ${entry.reference} of ${entry.amount}`).join(' with ');
    if (totals.balance.isNegative()) {
      throw new LedgerInvariantError(`${step} would leave a balance of ${totals.balance}`);
    }
    if (totals.refunded.compare(totals.paid) > 0) {
      throw new LedgerInvariantError(`${step} would refund more than was paid (${totals.paid})`);
    }
    return new InvoiceLedger([...this.entries, ...added], totals);
  }

  has(kind: LedgerEntryKind, reference: string): boolean {
    return this.entries.some((entry) => entry.kind === kind && entry.reference === reference);
  }
}

function checkEntry(entry: LedgerEntry): void {
  if (!entry.amount.isPositive()) {
    throw new LedgerInvariantError(`a ledger amount must be positive (got ${entry.amount})`);
  }
  if (Number.isNaN(entry.at.getTime())) {
    throw new LedgerInvariantError('a ledger entry needs a valid date');
  }
  if (entry.reference.trim() === '') {
    throw new LedgerInvariantError('a ledger entry needs a reference');
  }
}

function copyOf(entry: LedgerEntry): LedgerEntry {
  return { ...entry, at: new Date(entry.at.getTime()) };
}

function emptyTotals(like: Money): LedgerTotals {
  const zero = Money.zero(like.currency);
  return { invoiced: zero, paid: zero, credited: zero, refunded: zero, balance: zero };
}

function addToTotals(totals: LedgerTotals, { kind, amount }: LedgerEntry): LedgerTotals {
  switch (kind) {
    case 'invoiced':
      return { ...totals, invoiced: totals.invoiced.add(amount), balance: totals.balance.add(amount) };
    case 'payment':
      return { ...totals, paid: totals.paid.add(amount), balance: totals.balance.subtract(amount) };
    case 'credit_note':
      return { ...totals, credited: totals.credited.add(amount), balance: totals.balance.subtract(amount) };
    case 'refund':
      return { ...totals, refunded: totals.refunded.add(amount), balance: totals.balance.add(amount) };
  }
}
