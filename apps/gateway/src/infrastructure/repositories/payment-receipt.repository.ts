import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import type { PaymentReceipt, PaymentReceiptStore } from '../../application/ports/payment-receipt-store';

@Injectable()
export class PaymentReceiptRepository implements PaymentReceiptStore {
  async recordFirst(tx: Transaction, receipt: PaymentReceipt): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO gateway_payment_provider_events (event_id, type, payment_id, received_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [receipt.eventId, receipt.type, receipt.paymentId, receipt.receivedAt],
    );
    return inserted.length === 1;
  }
}
