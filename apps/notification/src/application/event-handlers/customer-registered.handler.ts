import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { customerRegisteredV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { crmCustomerRecord } from '../common/crm-customer-record';
import { CrmCustomerStore } from '../ports/crm-customer-store';

/** The CRM registered a customer: keep where its mail goes. */
@Injectable()
export class CustomerRegisteredHandler {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly customers: CrmCustomerStore,
  ) {}

  @HandleEvent(customerRegisteredV1)
  async onRegistered(event: EventEnvelope<PayloadOf<typeof customerRegisteredV1>>, ctx: EventContext): Promise<void> {
    await this.customers.save(ctx.manager, crmCustomerRecord(event.payload, event.payload.registeredAt), this.clock.now());
  }
}
