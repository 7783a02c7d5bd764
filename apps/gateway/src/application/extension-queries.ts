import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ExtensionViewEntity, InvoiceViewEntity } from '../infrastructure/entities';

/** An extension with its invoice, once billing issued it. */
export interface ExtensionDetails {
  extension: ExtensionViewEntity;
  invoice: InvoiceViewEntity | null;
}

/** Extensions of the customer's rentals, from the read model. */
@Injectable()
export class ExtensionQueries {
  constructor(private readonly dataSource: DataSource) {}

  async find(customerId: string, orderId: string, extensionId: string): Promise<ExtensionDetails | null> {
    const extension = await this.dataSource.getRepository(ExtensionViewEntity).findOneBy({ extensionId, orderId, customerId });
    if (!extension) return null;
    const [details] = await this.withInvoices([extension]);
    return details;
  }

  /** The extensions of an order in the order they were answered. */
  async forOrder(customerId: string, orderId: string): Promise<ExtensionDetails[]> {
    const extensions = await this.dataSource
      .getRepository(ExtensionViewEntity)
      .find({ where: { orderId, customerId }, order: { recordedAt: 'ASC', extensionId: 'ASC' } });
    return this.withInvoices(extensions);
  }

  private async withInvoices(extensions: ExtensionViewEntity[]): Promise<ExtensionDetails[]> {
    if (extensions.length === 0) return [];
    const invoices = await this.dataSource.getRepository(InvoiceViewEntity).findBy({ extensionId: In(extensions.map((e) => e.extensionId)) });
    return extensions.map((extension) => ({ extension, invoice: invoices.find((i) => i.extensionId === extension.extensionId) ?? null }));
  }
}
