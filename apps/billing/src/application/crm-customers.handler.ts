import { Injectable } from '@nestjs/common';
import { customerRegisteredV1, customerUpdatedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { CrmCustomerRepository } from '../infrastructure/persistence/crm-customer.repository';

/**
 * customer.registered / customer.updated: billing keeps its own copy of the CRM's customers, so an
 * invoice carries the billing address the CRM last gave before it was issued. Invoices issued
 * before an update keep the address they were issued with.
 */
@Injectable()
export class CrmCustomersHandler {
  constructor(private readonly customers: CrmCustomerRepository) {}

  @HandleEvent(customerRegisteredV1)
  async onCustomerRegistered(event: EventEnvelope<PayloadOf<typeof customerRegisteredV1>>, ctx: EventContext): Promise<void> {
    const { customerId, billingAddress, registeredAt } = event.payload;
    await this.customers.save(ctx.manager, customerId, billingAddress, new Date(registeredAt));
  }

  // The whole record, not a patch: an update of a customer registered before this copy existed registers them.
  @HandleEvent(customerUpdatedV1)
  async onCustomerUpdated(event: EventEnvelope<PayloadOf<typeof customerUpdatedV1>>, ctx: EventContext): Promise<void> {
    const { customerId, billingAddress, updatedAt } = event.payload;
    await this.customers.save(ctx.manager, customerId, billingAddress, new Date(updatedAt));
  }
}
