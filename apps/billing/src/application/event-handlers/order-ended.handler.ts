import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderEndedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { InvoiceSettlement } from '../common/invoice-settlement';
import { InvoiceStore } from '../ports/invoice-store';

/**
 * order.ended settles the order's invoices, once per order: an invoice still unpaid (an extension not
 * paid in time) is credited in full; a paid extension the order did not apply (paid too late to move
 * the end) is refunded and credited in full.
 */
@Injectable()
export class OrderEndedHandler {
  constructor(
    private readonly invoices: InvoiceStore,
    private readonly settlement: InvoiceSettlement,
  ) {}

  @HandleEvent(orderEndedV1)
  async onOrderEnded(event: EventEnvelope<PayloadOf<typeof orderEndedV1>>, ctx: EventContext): Promise<void> {
    const ended = event.payload;
    if (!(await this.settlement.claimOrder(ctx, ended.orderId, 'ended'))) return;
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
}
