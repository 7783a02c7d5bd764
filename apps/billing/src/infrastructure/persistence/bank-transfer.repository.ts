import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type BankTransferRecord, BankTransferStore, type PayerRefundRecord } from '../../application/ports/bank-transfer-store';
import { BankTransferEntity } from './bank-transfer.entity';
import { PayerRefundEntity } from './payer-refund.entity';

/** Bank transfers finance reported, and the money owed back to their payers. */
@Injectable()
export class BankTransferRepository implements BankTransferStore {
  async exists(manager: EntityManager, transferId: string): Promise<boolean> {
    return manager.exists(BankTransferEntity, { where: { transferId } });
  }

  async find(manager: EntityManager, transferId: string): Promise<BankTransferEntity | null> {
    return manager.findOneBy(BankTransferEntity, { transferId });
  }

  /** Its primary key on the transfer id is the backstop should the same transfer ever slip past exists(). */
  async insert(manager: EntityManager, transfer: BankTransferRecord): Promise<void> {
    await manager.insert(BankTransferEntity, transfer);
  }

  async insertPayerRefund(manager: EntityManager, refund: PayerRefundRecord): Promise<void> {
    await manager.insert(PayerRefundEntity, refund);
  }
}
