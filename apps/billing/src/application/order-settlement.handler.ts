import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { orderCancelledV1, orderEndedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { RefundReason } from '../domain/invoice-types';
import { InvoiceRepository } from '../infrastructure/persistence/invoice.repository';
import type { SettlementCause } from '../infrastructure/persistence/order-settlement.entity';
import { OrderSettlementRepository } from '../infrastructure/persistence/order-settlement.repository';
import { InvoiceSettlement } from './invoice-settlement';

type OrderCancelled = PayloadOf<typeof orderCancelledV1>;
type OrderEnded = PayloadOf<typeof orderEndedV1>;

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
 * Settles an order's invoices when the rental stops, once per order and cause.
 *
 * order.cancelled with settlement "full": every invoice is credited in full (reason: why it was
 * cancelled) and whatever was paid is refunded. With "unused_days" (cancelled while running): a paid
 * invoice is credited and refunded for the whole days of its period after the day in progress at
 * cancelledAt, pro rata in net (rounded down) plus VAT at its rate; an unpaid one is credited in full.
 *
 * order.ended: an invoice still unpaid (an extension not paid in time) is credited in full; a paid
 * extension the order did not apply (paid too late to move the end) is refunded and credited in full.
 */
@Injectable()
export class OrderSettlementHandler {
  private readonly logger = new Logger(OrderSettlementHandler.name);

  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly settlements: OrderSettlementRepository,
    private readonly settlement: InvoiceSettlement,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(orderCancelledV1)
  async onOrderCancelled(event: EventEnvelope<OrderCancelled>, ctx: EventContext): Promise<void> {
    const cancelled = event.payload;
    if (!(await this.claim(ctx, event, cancelled.orderId, 'cancelled'))) return;
    const at = new Date(cancelled.cancelledAt);
    for (const loaded of await this.invoices.findAllOfOrderForUpdate(ctx.manager, cancelled.orderId)) {
      if (cancelled.settlement === 'unused_days' && loaded.invoice.status === 'paid') {
        await this.settlement.creditUnusedDays(ctx, loaded, at);
      } else {
        await this.settlement.creditInFull(ctx, loaded, cancelled.reason, REFUND_REASON[cancelled.reason]);
      }
    }
  }

  @HandleEvent(orderEndedV1)
  async onOrderEnded(event: EventEnvelope<OrderEnded>, ctx: EventContext): Promise<void> {
    const ended = event.payload;
    if (!(await this.claim(ctx, event, ended.orderId, 'ended'))) return;
    const applied = new Set(ended.appliedExtensionIds);
    for (const loaded of await this.invoices.findAllOfOrderForUpdate(ctx.manager, ended.orderId)) {
      const { status, extensionId } = loaded.invoice;
      if (status === 'open') {
        await this.settlement.creditInFull(ctx, loaded, 'extension_unpaid', 'extension_lapsed');
      } else if (status === 'paid' && extensionId !== undefined && !applied.has(extensionId)) {
        await this.settlement.creditInFull(ctx, loaded, 'extension_lapsed', 'extension_lapsed');
      }
    }
  }

  private async claim(ctx: EventContext, event: EventEnvelope, orderId: string, cause: SettlementCause): Promise<boolean> {
    const first = await this.settlements.claim(ctx.manager, orderId, cause, event.id, this.clock.now());
    if (!first) this.logger.log(`order ${orderId} was settled as ${cause} before; ${event.type} ${event.id} changes nothing`);
    return first;
  }
}
