import { Injectable } from '@nestjs/common';
import { customerRegisteredV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { CrmCustomerStore } from '../ports/crm-customer-store';

/**
 * customer.registered: the order service keeps its own copy of the CRM's customers, so a rental the
 * CRM requests is quoted, ordered and invoiced for the customer as the CRM last described them.
 * Orders placed before an update keep the customer they were placed with.
 */
@Injectable()
export class CustomerRegisteredHandler {
  constructor(private readonly customers: CrmCustomerStore) {}

  @HandleEvent(customerRegisteredV1)
  async onCustomerRegistered(event: EventEnvelope<PayloadOf<typeof customerRegisteredV1>>, ctx: EventContext): Promise<void> {
    const { registeredAt, ...customer } = event.payload;
    await this.customers.save(ctx.manager, customer, new Date(registeredAt));
  }
}
