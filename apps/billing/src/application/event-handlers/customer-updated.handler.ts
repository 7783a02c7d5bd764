import { Injectable } from '@nestjs/common';
import { customerUpdatedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { CrmCustomerStore } from '../ports/crm-customer-store';

/**
 * customer.updated: the CRM's new billing address, for invoices issued from now on; those issued
 * before keep the address they were issued with. The whole record, not a patch: an update of a
 * customer registered before this copy existed registers them.
 */
@Injectable()
export class CustomerUpdatedHandler {
  constructor(private readonly customers: CrmCustomerStore) {}

  @HandleEvent(customerUpdatedV1)
  async onCustomerUpdated(event: EventEnvelope<PayloadOf<typeof customerUpdatedV1>>, ctx: EventContext): Promise<void> {
    const { customerId, billingAddress, updatedAt } = event.payload;
    await this.customers.save(ctx.manager, customerId, billingAddress, new Date(updatedAt));
  }
}
