import { Injectable } from '@nestjs/common';
import { customerRegisteredV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { CrmCustomerStore } from '../ports/crm-customer-store';

/**
 * customer.registered: billing keeps its own copy of the CRM's customers, so an invoice carries the
 * billing address the CRM last gave before it was issued.
 */
@Injectable()
export class CustomerRegisteredHandler {
  constructor(private readonly customers: CrmCustomerStore) {}

  @HandleEvent(customerRegisteredV1)
  async onCustomerRegistered(event: EventEnvelope<PayloadOf<typeof customerRegisteredV1>>, ctx: EventContext): Promise<void> {
    const { customerId, billingAddress, registeredAt } = event.payload;
    await this.customers.save(ctx.manager, customerId, billingAddress, new Date(registeredAt));
  }
}
