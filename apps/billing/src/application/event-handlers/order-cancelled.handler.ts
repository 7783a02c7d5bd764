import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderCancelledV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { RefundReason } from '../../domain/invoice-types';
import { InvoiceSettlement } from '../common/invoice-settlement';
import { InvoiceStore } from '../ports/invoice-store';

type OrderCancelled = PayloadOf<typeof orderCancelledV1>;

/**
 * What money goes back when a paid invoice is cancelled in full, by why the order was cancelled. A
 * paid invoice whose payment window closed was paid too late for the order, which gave up on it.
 */
const REFUND_REASON: Record<OrderCancelled['reason'], RefundReason> = {
  customer_cancelled: 'customer_cancelled',
  provisioning_failed: 'provisioning_failed',
  payment_window_closed: 'late_payment',
};

/**
 * order.cancelled settles the order's invoices, once per order. With settlement "full": every
 * invoice is credited in full (reason: why it was cancelled) and whatever was paid is refunded. With
 * "unused_days" (cancelled while running): a paid invoice is credited and refunded for the whole days
 * of its period after the day in progress at cancelledAt, pro rata in net (rounded down) plus VAT at
 * its rate; an unpaid one is credited in full.
 */
@Injectable()
export class OrderCancelledHandler {
  constructor(
    private readonly invoices: InvoiceStore,
    private readonly settlement: InvoiceSettlement,
  ) {}

  @HandleEvent(orderCancelledV1)
  async onOrderCancelled(event: EventEnvelope<OrderCancelled>, ctx: EventContext): Promise<void> {
    const cancelled = event.payload;
    if (!(await this.settlement.claimOrder(ctx, cancelled.orderId, 'cancelled'))) return;
    const at = new Date(cancelled.cancelledAt);
    for (const loaded of await this.invoices.findAllOfOrderForUpdate(ctx.manager, cancelled.orderId)) {
      if (cancelled.settlement === 'unused_days' && loaded.invoice.status === 'paid') {
        await this.settlement.creditUnusedDays(ctx, loaded, at);
      } else {
        await this.settlement.creditInFull(ctx, loaded, cancelled.reason, REFUND_REASON[cancelled.reason]);
      }
    }
  }
}
