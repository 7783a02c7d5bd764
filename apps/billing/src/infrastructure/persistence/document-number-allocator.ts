import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DocumentNumbers } from '../../application/ports/document-numbers';
import {
  type CreditNoteNumber,
  formatCreditNoteNumber,
  formatInvoiceNumber,
  formatRefundNumber,
  type InvoiceNumber,
  type RefundNumber,
  seriesYearOf,
} from '../../domain/invoice-number';

type CounterTable = 'invoice_number_counters' | 'credit_note_number_counters' | 'refund_number_counters';

/**
 * Takes the next number of a year's series inside the caller's transaction.
 *
 * The upsert creates the year's counter at 1 or adds one to it, and in doing so row-locks it until
 * the transaction ends. A second issuer waits on that lock and then reads the committed value, so two
 * documents never share a number; if the first transaction rolls back, its increment is undone with
 * it and the waiter takes the same number, so the series has no gaps. A PostgreSQL sequence would not
 * do: it hands out numbers outside the transaction and never takes them back.
 *
 * The price is that issuing is serialised per year: take the number as late in the transaction as
 * possible, so the lock is held only for the writes that follow it.
 */
@Injectable()
export class DocumentNumberAllocator implements DocumentNumbers {
  async nextInvoiceNumber(manager: EntityManager, issuedAt: Date): Promise<InvoiceNumber> {
    const year = seriesYearOf(issuedAt);
    return formatInvoiceNumber(year, await this.next(manager, 'invoice_number_counters', year));
  }

  async nextCreditNoteNumber(manager: EntityManager, issuedAt: Date): Promise<CreditNoteNumber> {
    const year = seriesYearOf(issuedAt);
    return formatCreditNoteNumber(year, await this.next(manager, 'credit_note_number_counters', year));
  }

  async nextRefundNumber(manager: EntityManager, issuedAt: Date): Promise<RefundNumber> {
    const year = seriesYearOf(issuedAt);
    return formatRefundNumber(year, await this.next(manager, 'refund_number_counters', year));
  }

  private async next(manager: EntityManager, table: CounterTable, year: number): Promise<number> {
    if (manager.queryRunner?.isTransactionActive !== true) {
      // Outside a transaction the number would be committed at once and lost if the issue then failed.
      throw new Error(`a number of ${table} must be taken inside the transaction that issues the document`);
    }
    const rows: { last: number }[] = await manager.query(
      `INSERT INTO ${table} AS counter (year, last) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last = counter.last + 1
       RETURNING last`,
      [year],
    );
    return rows[0].last;
  }
}
