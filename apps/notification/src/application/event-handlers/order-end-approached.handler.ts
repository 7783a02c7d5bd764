import { Injectable } from '@nestjs/common';
import { type EventEnvelope, orderEndApproachedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { RentalEndingSoonInput } from '../../domain/templates/rental-ending-soon';
import { causeOf, MailRequests } from '../common/mail-requests';

type OrderEndApproached = PayloadOf<typeof orderEndApproachedV1>;

/** A rental ends soon: remind the customer when, and how to extend it. */
@Injectable()
export class OrderEndApproachedHandler {
  constructor(private readonly mails: MailRequests) {}

  @HandleEvent(orderEndApproachedV1)
  async onOrderEndApproached(event: EventEnvelope<OrderEndApproached>, ctx: EventContext): Promise<void> {
    const reminder = event.payload;
    const input: RentalEndingSoonInput = { orderId: reminder.orderId, endsAt: new Date(reminder.endsAt), daysLeft: reminder.daysLeft };
    await this.mails.requestForOrderCustomer(ctx.manager, causeOf(event), reminder.orderId, 'rental-ending-soon', input);
  }
}
