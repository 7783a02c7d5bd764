import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { customerUpdatedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { crmCustomerRecord } from '../common/crm-customer-record';
import { CrmCustomerStore } from '../ports/crm-customer-store';

/** The CRM changed a customer: its later mails go where it says now. */
@Injectable()
export class CustomerUpdatedHandler {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly customers: CrmCustomerStore,
  ) {}

  @HandleEvent(customerUpdatedV1)
  async onUpdated(event: EventEnvelope<PayloadOf<typeof customerUpdatedV1>>, ctx: EventContext): Promise<void> {
    await this.customers.save(ctx.manager, crmCustomerRecord(event.payload, event.payload.updatedAt), this.clock.now());
  }
}
