import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type PaymentRecord, type PaymentReportRecord, type PaymentStatus, PaymentStore } from '../../application/ports/payment-store';
import { PaymentEntity } from './payment.entity';
import { PaymentReportEntity } from './payment-report.entity';

/** Payments requested from the provider, and what the provider reported about them. */
@Injectable()
export class PaymentRepository implements PaymentStore {
  async insert(manager: EntityManager, payment: PaymentRecord): Promise<void> {
    await manager.insert(PaymentEntity, payment);
  }

  async findForUpdate(manager: EntityManager, paymentId: string): Promise<PaymentEntity | null> {
    return manager.findOne(PaymentEntity, { where: { paymentId }, lock: { mode: 'pessimistic_write' } });
  }

  async findOfInvoice(manager: EntityManager, invoiceNumber: string): Promise<PaymentEntity | null> {
    return manager.findOne(PaymentEntity, { where: { invoiceNumber }, order: { createdAt: 'ASC' } });
  }

  async setStatus(manager: EntityManager, paymentId: string, status: PaymentStatus, at: Date): Promise<void> {
    await manager.update(PaymentEntity, { paymentId }, { status, updatedAt: at });
  }

  async hasReport(manager: EntityManager, providerEventId: string): Promise<boolean> {
    return manager.exists(PaymentReportEntity, { where: { providerEventId } });
  }

  async nextAttempt(manager: EntityManager, invoiceNumber: string): Promise<number> {
    const rows: { last: number | null }[] = await manager.query(`SELECT max(attempt) AS last FROM payment_reports WHERE invoice_number = $1`, [invoiceNumber]);
    return (rows[0]?.last ?? 0) + 1;
  }

  /** Its primary key on the provider's event id is the backstop should a report ever slip past hasReport. */
  async insertReport(manager: EntityManager, report: PaymentReportRecord): Promise<void> {
    await manager.insert(PaymentReportEntity, report);
  }
}
