import { Injectable } from '@nestjs/common';
import type { EventOrigin } from '@rental/messaging';
import { Money } from '@rental/money';
import { type EntityManager, IsNull, MoreThan } from 'typeorm';
import { type CustomerContact, InvoiceStore, type LoadedInvoice } from '../../application/ports/invoice-store';
import { Invoice } from '../../domain/invoice';
import { toCreditNoteNumber, toInvoiceNumber, toRefundNumber } from '../../domain/invoice-number';
import type { InvoiceState } from '../../domain/invoice-types';
import { BankTransferEntity } from './bank-transfer.entity';
import { CreditNoteEntity } from './credit-note.entity';
import { InvoiceEntity } from './invoice.entity';
import { INVOICE_BALANCE_VIOLATIONS_SQL, INVOICE_BOOKS_SQL, type InvoiceBooksRow, toInvoiceBooksRow } from './invoice-books';
import { InvoiceLedgerEntryEntity } from './invoice-ledger-entry.entity';
import { InvoiceLineEntity } from './invoice-line.entity';
import { RefundEntity } from './refund.entity';

/**
 * Stores invoices and restores them as domain objects (InvoiceStore), and adds up every invoice's
 * books in SQL for checks that read the database as another process would.
 */
@Injectable()
export class InvoiceRepository implements InvoiceStore {
  async existsFor(manager: EntityManager, orderId: string, extensionId: string | undefined): Promise<boolean> {
    return extensionId === undefined
      ? manager.exists(InvoiceEntity, { where: { orderId, extensionId: IsNull() } })
      : manager.exists(InvoiceEntity, { where: { extensionId } });
  }

  async insertIssued(manager: EntityManager, invoice: Invoice, contact: CustomerContact): Promise<void> {
    const state = invoice.toState();
    await manager.insert(InvoiceEntity, toRow(state, contact));
    await manager.insert(
      InvoiceLineEntity,
      state.lines.map((line, position) => ({
        invoiceNumber: state.number,
        position,
        description: line.description,
        quantity: line.quantity,
        unitPriceCents: line.unitPrice.cents,
        lineTotalCents: line.lineTotal.cents,
      })),
    );
    await this.appendLedger(manager, state);
  }

  async findForUpdate(manager: EntityManager, number: string): Promise<LoadedInvoice | undefined> {
    const row = await manager.findOne(InvoiceEntity, { where: { number }, lock: { mode: 'pessimistic_write' } });
    return row === null ? undefined : this.load(manager, row);
  }

  async findAllOfOrderForUpdate(manager: EntityManager, orderId: string): Promise<LoadedInvoice[]> {
    const rows = await manager.find(InvoiceEntity, { where: { orderId }, order: { number: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const loaded: LoadedInvoice[] = [];
    for (const row of rows) loaded.push(await this.load(manager, row));
    return loaded;
  }

  async saveChanges(manager: EntityManager, invoice: Invoice, origin: EventOrigin): Promise<void> {
    const state = invoice.toState();
    await manager.update(InvoiceEntity, { number: state.number }, { status: state.status });
    await this.appendLedger(manager, state);
    if (state.creditNotes.length > 0) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(CreditNoteEntity)
        .values(
          state.creditNotes.map((note) => ({
            number: note.number,
            invoiceNumber: state.number,
            reason: note.reason,
            netCents: note.totals.net.cents,
            vatCents: note.totals.vat.cents,
            grossCents: note.totals.gross.cents,
            issuedAt: note.issuedAt,
          })),
        )
        .orIgnore()
        .execute();
    }
    if (state.refunds.length > 0) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(RefundEntity)
        .values(
          state.refunds.map((refund) => ({
            number: refund.number,
            invoiceNumber: state.number,
            orderId: state.orderId,
            paymentId: refund.paymentId ?? null,
            transferId: refund.transferId ?? null,
            reason: refund.reason,
            amountCents: refund.amount.cents,
            currency: refund.amount.currency,
            issuedAt: refund.issuedAt,
            status: refund.transferId === undefined ? ('pending' as const) : ('owed_to_payer' as const),
            attempts: 0,
            nextAttemptAt: refund.issuedAt,
            correlationId: origin.correlationId,
            causationId: origin.causationId ?? null,
          })),
        )
        .orIgnore()
        .execute();
    }
  }

  async customerIdOf(manager: EntityManager, number: string): Promise<string> {
    const row = await manager.findOneOrFail(InvoiceEntity, { where: { number }, select: { number: true, customerId: true } });
    return row.customerId;
  }

  /** Every invoice's money in one row each, from the ledger (see INVOICE_BOOKS_SQL). */
  async books(manager: EntityManager): Promise<InvoiceBooksRow[]> {
    return (await manager.query(INVOICE_BOOKS_SQL)).map(toInvoiceBooksRow);
  }

  /** The invoices that break the balance invariant (see INVOICE_BALANCE_VIOLATIONS_SQL); none, when billing is right. */
  async balanceViolations(manager: EntityManager): Promise<InvoiceBooksRow[]> {
    return (await manager.query(INVOICE_BALANCE_VIOLATIONS_SQL)).map(toInvoiceBooksRow);
  }

  private async load(manager: EntityManager, row: InvoiceEntity): Promise<LoadedInvoice> {
    const where = { invoiceNumber: row.number };
    const lines = await manager.find(InvoiceLineEntity, { where, order: { position: 'ASC' } });
    const ledger = await manager.find(InvoiceLedgerEntryEntity, { where, order: { position: 'ASC' } });
    const creditNotes = await manager.find(CreditNoteEntity, { where, order: { number: 'ASC' } });
    const refunds = await manager.find(RefundEntity, { where, order: { number: 'ASC' } });
    const transfers = await manager.find(BankTransferEntity, { where: { ...where, appliedCents: MoreThan(0) } });
    return {
      invoice: Invoice.restore(toState(row, lines, ledger, creditNotes, refunds, transfers)),
      contact: { customerId: row.customerId, email: row.customerEmail, language: row.customerLanguage },
    };
  }

  /** The ledger is append-only: entries already stored are left as they are. */
  private async appendLedger(manager: EntityManager, state: InvoiceState): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(InvoiceLedgerEntryEntity)
      .values(
        state.ledger.map((entry, position) => ({
          invoiceNumber: state.number,
          position,
          kind: entry.kind,
          amountCents: entry.amount.cents,
          at: entry.at,
          reference: entry.reference,
        })),
      )
      .orIgnore()
      .execute();
  }
}

function toRow(state: InvoiceState, contact: CustomerContact): InvoiceEntity {
  return {
    number: state.number,
    orderId: state.orderId,
    extensionId: state.extensionId ?? null,
    periodStart: state.period?.start ?? null,
    periodEnd: state.period?.end ?? null,
    customerId: contact.customerId,
    customerName: state.customer.name,
    customerEmail: contact.email,
    customerLanguage: contact.language,
    customerCountry: state.customer.country,
    customerKind: state.customer.kind,
    customerVatNumber: state.customer.vatNumber ?? null,
    customerBillingAddress: state.customer.billingAddress ?? null,
    sellerName: state.seller.name,
    sellerAddress: state.seller.address,
    sellerCountry: state.seller.country,
    sellerVatNumber: state.seller.vatNumber,
    sellerChamberOfCommerceNumber: state.seller.chamberOfCommerceNumber,
    vatRatePercent: state.vat.ratePercent,
    vatTreatment: state.vat.treatment,
    vatNote: state.vat.note ?? null,
    currency: state.totals.gross.currency,
    netCents: state.totals.net.cents,
    vatCents: state.totals.vat.cents,
    grossCents: state.totals.gross.cents,
    issuedAt: state.issuedAt,
    dueAt: state.dueAt,
    status: state.status,
  };
}

function toState(
  row: InvoiceEntity,
  lines: InvoiceLineEntity[],
  ledger: InvoiceLedgerEntryEntity[],
  creditNotes: CreditNoteEntity[],
  refunds: RefundEntity[],
  transfers: BankTransferEntity[],
): InvoiceState {
  const money = (cents: number) => Money.of(cents, row.currency);
  const totals = { net: money(row.netCents), vat: money(row.vatCents), gross: money(row.grossCents) };
  return {
    number: toInvoiceNumber(row.number),
    orderId: row.orderId,
    ...(row.extensionId === null ? {} : { extensionId: row.extensionId }),
    ...(row.periodStart === null || row.periodEnd === null ? {} : { period: { start: row.periodStart, end: row.periodEnd } }),
    customer: {
      name: row.customerName,
      country: row.customerCountry,
      kind: row.customerKind,
      ...(row.customerVatNumber === null ? {} : { vatNumber: row.customerVatNumber }),
      ...(row.customerBillingAddress === null ? {} : { billingAddress: row.customerBillingAddress }),
    },
    seller: {
      name: row.sellerName,
      address: row.sellerAddress,
      country: row.sellerCountry,
      vatNumber: row.sellerVatNumber,
      chamberOfCommerceNumber: row.sellerChamberOfCommerceNumber,
    },
    lines: lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitPrice: money(line.unitPriceCents),
      lineTotal: money(line.lineTotalCents),
    })),
    vat: {
      ratePercent: row.vatRatePercent,
      treatment: row.vatTreatment,
      ...(row.vatNote === null ? {} : { note: row.vatNote }),
    },
    totals,
    issuedAt: row.issuedAt,
    dueAt: row.dueAt,
    status: row.status,
    ledger: ledger.map((entry) => ({ kind: entry.kind, amount: money(entry.amountCents), at: entry.at, reference: entry.reference })),
    creditNotes: creditNotes.map((note) => ({
      number: toCreditNoteNumber(note.number),
      issuedAt: note.issuedAt,
      reason: note.reason,
      totals: { net: money(note.netCents), vat: money(note.vatCents), gross: money(note.grossCents) },
    })),
    refunds: refunds.map((refund) => {
      const document = {
        number: toRefundNumber(refund.number),
        issuedAt: refund.issuedAt,
        reason: refund.reason,
        amount: Money.of(refund.amountCents, refund.currency),
      };
      if (refund.transferId !== null) return { ...document, transferId: refund.transferId };
      if (refund.paymentId !== null) return { ...document, paymentId: refund.paymentId };
      // The table's refunds_route check makes this impossible.
      throw new Error(`refund ${refund.number} names neither a payment nor a bank transfer`);
    }),
    bankTransfers: transfers.map((transfer) => ({ transferId: transfer.transferId, amount: money(transfer.appliedCents) })),
  };
}
