import { Injectable } from '@nestjs/common';
import { Money } from '@rental/money';
import type { EntityManager } from 'typeorm';
import { Invoice, type InvoiceState } from '../../domain/invoice';
import { toCreditNoteNumber, toInvoiceNumber } from '../../domain/invoice-number';
import { InvoiceLedgerEntryEntity } from './invoice-ledger-entry.entity';
import { InvoiceLineEntity } from './invoice-line.entity';
import { InvoiceEntity } from './invoice.entity';

/** How to reach the invoice's customer; the domain needs none of it, the emails do. */
export interface CustomerContact {
  readonly customerId: string;
  readonly email: string;
  readonly language: string;
}

/**
 * Stores invoices and restores them as domain objects. Every call runs in the caller's transaction
 * (the handler's or a UnitOfWork's), so an invoice and the events it causes commit together.
 */
@Injectable()
export class InvoiceRepository {
  async existsForOrder(manager: EntityManager, orderId: string): Promise<boolean> {
    return manager.exists(InvoiceEntity, { where: { orderId } });
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

  /**
   * Loads an invoice and row-locks it until the transaction ends, so two payments for one invoice
   * are decided one after the other, each seeing what the other did.
   */
  async findForUpdate(manager: EntityManager, number: string): Promise<Invoice | undefined> {
    const row = await manager.findOne(InvoiceEntity, { where: { number }, lock: { mode: 'pessimistic_write' } });
    if (row === null) return undefined;
    const lines = await manager.find(InvoiceLineEntity, { where: { invoiceNumber: number }, order: { position: 'ASC' } });
    const ledger = await manager.find(InvoiceLedgerEntryEntity, { where: { invoiceNumber: number }, order: { position: 'ASC' } });
    return Invoice.restore(toState(row, lines, ledger));
  }

  /** Saves what a domain call changed: the status, a credit note, and ledger entries added since loading. */
  async saveChanges(manager: EntityManager, invoice: Invoice): Promise<void> {
    const state = invoice.toState();
    await manager.update(
      InvoiceEntity,
      { number: state.number },
      {
        status: state.status,
        creditNoteNumber: state.creditNote?.number ?? null,
        creditNoteIssuedAt: state.creditNote?.issuedAt ?? null,
        creditNoteReason: state.creditNote?.reason ?? null,
      },
    );
    await this.appendLedger(manager, state);
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
    customerId: contact.customerId,
    customerName: state.customer.name,
    customerEmail: contact.email,
    customerLanguage: contact.language,
    customerCountry: state.customer.country,
    customerKind: state.customer.kind,
    customerVatNumber: state.customer.vatNumber ?? null,
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
    creditNoteNumber: state.creditNote?.number ?? null,
    creditNoteIssuedAt: state.creditNote?.issuedAt ?? null,
    creditNoteReason: state.creditNote?.reason ?? null,
  };
}

function toState(row: InvoiceEntity, lines: InvoiceLineEntity[], ledger: InvoiceLedgerEntryEntity[]): InvoiceState {
  const money = (cents: number) => Money.of(cents, row.currency);
  const totals = { net: money(row.netCents), vat: money(row.vatCents), gross: money(row.grossCents) };
  const creditNote =
    row.creditNoteNumber === null
      ? undefined
      : {
          number: toCreditNoteNumber(row.creditNoteNumber),
          issuedAt: row.creditNoteIssuedAt!,
          reason: row.creditNoteReason ?? '',
          // A credit note credits the whole invoice, so it mirrors the invoice's totals.
          totals,
        };
  return {
    number: toInvoiceNumber(row.number),
    orderId: row.orderId,
    customer: {
      name: row.customerName,
      country: row.customerCountry,
      kind: row.customerKind,
      ...(row.customerVatNumber === null ? {} : { vatNumber: row.customerVatNumber }),
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
    ...(creditNote === undefined ? {} : { creditNote }),
  };
}
