import type { EventOrigin } from '@rental/messaging';
import type { Transaction } from '@rental/persistence';
import type { Invoice } from '../../domain/invoice';

/** How to reach the invoice's customer; the domain needs none of it, the emails do. */
export interface CustomerContact {
  readonly customerId: string;
  readonly email: string;
  readonly language: string;
}

/** An invoice with the contact details billing keeps beside it. */
export interface LoadedInvoice {
  readonly invoice: Invoice;
  readonly contact: CustomerContact;
}

/**
 * Invoices stored and restored as domain objects. Every call runs in the caller's transaction, so an
 * invoice and the events it causes commit together.
 */
export abstract class InvoiceStore {
  /** Whether the order itself (no extensionId) or that extension of it is invoiced already. */
  abstract existsFor(tx: Transaction, orderId: string, extensionId: string | undefined): Promise<boolean>;

  abstract insertIssued(tx: Transaction, invoice: Invoice, contact: CustomerContact): Promise<void>;

  /**
   * Loads an invoice and row-locks it until the transaction ends, so two payments for one invoice
   * are decided one after the other, each seeing what the other did.
   */
  abstract findForUpdate(tx: Transaction, number: string): Promise<LoadedInvoice | undefined>;

  /** Every invoice of an order, oldest number first, each row-locked until the transaction ends. */
  abstract findAllOfOrderForUpdate(tx: Transaction, orderId: string): Promise<LoadedInvoice[]>;

  /**
   * Saves what domain calls changed: the status, and the ledger entries, credit notes and refunds
   * added since loading. A new refund through the provider is stored as pending, for the refund
   * worker to carry out; `origin` is the event that decided it, which payment.refunded will name.
   * A refund to a bank transfer's payer is stored as owed to the payer: the caller flags it for
   * finance. A booked bank transfer is the caller's to store (BankTransferStore) before this call.
   */
  abstract saveChanges(tx: Transaction, invoice: Invoice, origin: EventOrigin): Promise<void>;

  abstract customerIdOf(tx: Transaction, number: string): Promise<string>;
}
