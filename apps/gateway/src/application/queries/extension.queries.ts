import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { ExtensionViewEntity, InvoiceViewEntity } from '../../infrastructure/entities';
import { readSnapshot } from '../../infrastructure/read-snapshot';

/** An extension with its invoice, once billing issued it. */
export interface ExtensionDetails {
  extension: ExtensionViewEntity;
  invoice: InvoiceViewEntity | null;
}

/** Extensions of the customer's rentals, from the read model. */
@Injectable()
export class ExtensionQueries {
  constructor(private readonly dataSource: DataSource) {}

  find(customerId: string, orderId: string, extensionId: string): Promise<ExtensionDetails | null> {
    return readSnapshot(this.dataSource, async (manager) => {
      const extension = await manager.getRepository(ExtensionViewEntity).findOneBy({ extensionId, orderId, customerId });
      if (!extension) return null;
      const [details] = await this.withInvoices(manager, [extension]);
      return details;
    });
  }

  /** The extensions of an order in the order they were answered, read in the caller's snapshot. */
  async forOrder(manager: EntityManager, customerId: string, orderId: string): Promise<ExtensionDetails[]> {
    const extensions = await manager
      .getRepository(ExtensionViewEntity)
      .find({ where: { orderId, customerId }, order: { recordedAt: 'ASC', extensionId: 'ASC' } });
    return this.withInvoices(manager, extensions);
  }

  private async withInvoices(manager: EntityManager, extensions: ExtensionViewEntity[]): Promise<ExtensionDetails[]> {
    if (extensions.length === 0) return [];
    const invoices = await manager.getRepository(InvoiceViewEntity).findBy({ extensionId: In(extensions.map((e) => e.extensionId)) });
    return extensions.map((extension) => ({ extension, invoice: invoices.find((i) => i.extensionId === extension.extensionId) ?? null }));
  }
}
