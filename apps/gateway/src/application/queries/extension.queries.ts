import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import { ExtensionReadModel, type ExtensionRecord } from '../ports/extension-read-model';
import { InvoiceReadModel, type InvoiceRecord } from '../ports/invoice-read-model';
import { ReadSnapshot } from '../ports/read-snapshot';

/** An extension with its invoice, once billing issued it. */
export interface ExtensionDetails {
  extension: ExtensionRecord;
  invoice: InvoiceRecord | null;
}

/** Extensions of the customer's rentals, from the read model. */
@Injectable()
export class ExtensionQueries {
  constructor(
    private readonly snapshot: ReadSnapshot,
    private readonly extensions: ExtensionReadModel,
    private readonly invoices: InvoiceReadModel,
  ) {}

  find(customerId: string, orderId: string, extensionId: string): Promise<ExtensionDetails | null> {
    return this.snapshot.read(async (tx) => {
      const extension = await this.extensions.find(customerId, orderId, extensionId, tx);
      if (!extension) return null;
      const [details] = await this.withInvoices(tx, [extension]);
      return details;
    });
  }

  /** The extensions of an order in the order they were answered, read in the caller's snapshot. */
  async forOrder(tx: Transaction, customerId: string, orderId: string): Promise<ExtensionDetails[]> {
    return this.withInvoices(tx, await this.extensions.forOrder(tx, customerId, orderId));
  }

  private async withInvoices(tx: Transaction, extensions: ExtensionRecord[]): Promise<ExtensionDetails[]> {
    if (extensions.length === 0) return [];
    const invoices = await this.invoices.forExtensions(
      tx,
      extensions.map((e) => e.extensionId),
    );
    return extensions.map((extension) => ({ extension, invoice: invoices.find((i) => i.extensionId === extension.extensionId) ?? null }));
  }
}
