import { Injectable } from '@nestjs/common';
import { customerRegisteredV1, customerUpdatedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { CustomerStore } from '../ports/customer-store';

/**
 * The gateway's copy of the CRM's customers, in the one customers table, so an operator can issue a
 * CRM customer an API key and its quotes and orders carry the CRM's details. Each event is the whole
 * record; the CRM keys them by customer id, so they arrive in order, and a record older than the one
 * applied (the CRM sending an earlier event again under a new id) changes nothing.
 */
@Injectable()
export class CrmCustomerProjection {
  constructor(private readonly customers: CustomerStore) {}

  @HandleEvent(customerRegisteredV1)
  async onRegistered(event: EventEnvelope<PayloadOf<typeof customerRegisteredV1>>, ctx: EventContext): Promise<void> {
    await this.customers.applyCrmRecord(ctx.manager, event.payload, event.payload.registeredAt);
  }

  @HandleEvent(customerUpdatedV1)
  async onUpdated(event: EventEnvelope<PayloadOf<typeof customerUpdatedV1>>, ctx: EventContext): Promise<void> {
    await this.customers.applyCrmRecord(ctx.manager, event.payload, event.payload.updatedAt);
  }
}
