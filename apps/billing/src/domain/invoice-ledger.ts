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
  /** The document or payment the movement came from: invoice number, payment id, credit note number, refund id. */
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
 * derived from the entries, so a stored balance can never drift from the movements behind it. The
 * balance may never go below zero: a customer cannot pay or be credited more than they owe.
 */
export class InvoiceLedger {
  private constructor(
    readonly entries: readonly LedgerEntry[],
    readonly totals: LedgerTotals,
  ) {}

  static opened(amount: Money, at: Date, invoiceNumber: string): InvoiceLedger {
    return InvoiceLedger.fromEntries([{ kind: 'invoiced', amount, at, reference: invoiceNumber }]);
  }

  /** Rebuilds a ledger from stored entries, checking the invariants each step would have checked. */
  static fromEntries(entries: readonly LedgerEntry[]): InvoiceLedger {
    const [first, ...rest] = entries;
    if (first === undefined || first.kind !== 'invoiced') {
      throw new LedgerInvariantError('a ledger starts with exactly one invoiced entry');
    }
    const opened = new InvoiceLedger([], emptyTotals(first.amount)).withEntry(first);
    return rest.reduce((ledger, entry) => ledger.append(entry), opened);
  }

  get balance(): Money {
    return this.totals.balance;
  }

  /** A new ledger with `entry` added; throws if the entry is malformed or would break an invariant. */
  append(entry: LedgerEntry): InvoiceLedger {
    if (entry.kind === 'invoiced') {
      throw new LedgerInvariantError('an invoice is invoiced once; corrections are credit notes');
    }
    return this.withEntry(entry);
  }

  has(kind: LedgerEntryKind, reference: string): boolean {
    return this.entries.some((entry) => entry.kind === kind && entry.reference === reference);
  }

  private withEntry(entry: LedgerEntry): InvoiceLedger {
    if (!entry.amount.isPositive()) {
      throw new LedgerInvariantError(`a ledger amount must be positive (got ${entry.amount})`);
    }
    if (Number.isNaN(entry.at.getTime())) {
      throw new LedgerInvariantError('a ledger entry needs a valid date');
    }
    if (entry.reference.trim() === '') {
      throw new LedgerInvariantError('a ledger entry needs a reference');
    }
    const totals = addToTotals(this.totals, entry);
    if (totals.balance.isNegative()) {
      throw new LedgerInvariantError(`${entry.kind} ${entry.reference} of ${entry.amount} would leave a balance of ${totals.balance}`);
    }
    if (totals.refunded.compare(totals.paid) > 0) {
      throw new LedgerInvariantError(`refund ${entry.reference} would return more than was paid (${totals.paid})`);
    }
    const copy: LedgerEntry = { ...entry, at: new Date(entry.at.getTime()) };
    return new InvoiceLedger([...this.entries, copy], totals);
  }
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
