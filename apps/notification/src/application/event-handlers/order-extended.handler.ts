import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderExtendedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { RentalExtendedInput } from '../../domain/templates/rental-extended';
import { causeOf, MailRequests } from '../common/mail-requests';

type OrderExtended = PayloadOf<typeof orderExtendedV1>;

/** An extension was paid and the rental's end moved: confirm the new end. */
@Injectable()
export class OrderExtendedHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(orderExtendedV1)
  async onOrderExtended(event: EventEnvelope<OrderExtended>, ctx: EventContext): Promise<void> {
    const extended = event.payload;
    const input: RentalExtendedInput = {
      orderId: extended.orderId,
      invoiceNumber: extended.invoiceNumber,
      previousEnd: new Date(extended.previousEnd),
      newEnd: new Date(extended.newEnd),
    };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), extended.orderId, 'rental-extended', input);
  }
}
