import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import { DataSource } from 'typeorm';
import type { ExtensionReadModel, ExtensionRecord } from '../../application/ports/extension-read-model';
import { ExtensionViewEntity } from '../entities';

@Injectable()
export class ExtensionViewRepository implements ExtensionReadModel {
  constructor(private readonly dataSource: DataSource) {}

  find(customerId: string, orderId: string, extensionId: string, tx: Transaction = this.dataSource.manager): Promise<ExtensionRecord | null> {
    return tx.findOneBy(ExtensionViewEntity, { extensionId, orderId, customerId });
  }

  forOrder(tx: Transaction, customerId: string, orderId: string): Promise<ExtensionRecord[]> {
    return tx.find(ExtensionViewEntity, { where: { orderId, customerId }, order: { recordedAt: 'ASC', extensionId: 'ASC' } });
  }
}
