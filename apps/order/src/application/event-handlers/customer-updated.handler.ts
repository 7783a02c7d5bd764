import { Injectable } from '@nestjs/common';
import { customerUpdatedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { CrmCustomerStore } from '../ports/crm-customer-store';

/** customer.updated: the order service's copy of the CRM's customer takes the CRM's latest description. */
@Injectable()
export class CustomerUpdatedHandler {
  constructor(private readonly customers: CrmCustomerStore) {}

  // The whole record, not a patch: an update of a customer registered before this copy existed registers them.
  @HandleEvent(customerUpdatedV1)
  async onCustomerUpdated(event: EventEnvelope<PayloadOf<typeof customerUpdatedV1>>, ctx: EventContext): Promise<void> {
    const { updatedAt, ...customer } = event.payload;
    await this.customers.save(ctx.manager, customer, new Date(updatedAt));
  }
}
