import { InvalidInvoiceError, validDate } from './invoice-checks';
import type { DueDate } from './invoice-types';

const MS_PER_DAY = 86_400_000;

/** When an invoice issued at `issuedAt` must be paid: never before it is issued. */
export function dueDateOf(due: DueDate, issuedAt: Date): Date {
  if (due.dueAt !== undefined) {
    const dueAt = validDate(due.dueAt, 'due date');
    if (dueAt.getTime() < issuedAt.getTime()) {
      throw new InvalidInvoiceError(`an invoice cannot be due (${dueAt.toISOString()}) before it is issued (${issuedAt.toISOString()})`);
    }
    return dueAt;
  }
  if (!Number.isSafeInteger(due.paymentTermsDays) || due.paymentTermsDays < 0) {
    throw new InvalidInvoiceError(`payment terms must be a whole number of days >= 0 (got ${due.paymentTermsDays})`);
  }
  // UTC days have no daylight-saving jumps, so whole days of milliseconds are exact.
  return new Date(issuedAt.getTime() + due.paymentTermsDays * MS_PER_DAY);
}
