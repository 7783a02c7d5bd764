import { Injectable } from '@nestjs/common';
import type { orderExtendedV1, orderExtensionAcceptedV1, orderExtensionRejectedV1, PayloadOf } from '@rental/contracts';
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

  async recordAccepted(tx: Transaction, e: PayloadOf<typeof orderExtensionAcceptedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_extensions (extension_id, order_id, customer_id, description, period_start, period_end, price, payment_due_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (extension_id) DO NOTHING`,
      [e.extensionId, e.orderId, e.customer.customerId, e.description, e.period.start, e.period.end, JSON.stringify(e.price), e.paymentDueAt],
    );
  }

  async recordRejected(tx: Transaction, e: PayloadOf<typeof orderExtensionRejectedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_extensions (extension_id, order_id, customer_id, rejection_reason, rejection_detail)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (extension_id) DO NOTHING`,
      [e.extensionId, e.orderId, e.customerId, e.reason, e.detail],
    );
  }

  async recordApplied(tx: Transaction, e: PayloadOf<typeof orderExtendedV1>): Promise<void> {
    await tx.query(`UPDATE gateway_extensions SET applied_at = $2 WHERE extension_id = $1 AND applied_at IS NULL`, [e.extensionId, e.extendedAt]);
  }

  async lapsePending(tx: Transaction, orderId: string, at: string, exceptExtensionIds: string[]): Promise<void> {
    await tx.query(
      `UPDATE gateway_extensions SET lapsed_at = $2
        WHERE order_id = $1 AND rejection_reason IS NULL AND applied_at IS NULL AND lapsed_at IS NULL
          AND NOT (extension_id = ANY($3::uuid[]))`,
      [orderId, at, exceptExtensionIds],
    );
  }
}
