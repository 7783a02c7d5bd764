import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { customerRegisteredV1, customerUpdatedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { parseLanguage } from '../domain/language';
import { CrmCustomerRepository } from '../infrastructure/crm-customer.repository';

type CrmCustomer = PayloadOf<typeof customerRegisteredV1> | PayloadOf<typeof customerUpdatedV1>;

/**
 * The CRM registered or changed a customer: keep where its mail goes. Each event is the whole record;
 * the CRM keys them by customer id, so they arrive in order, and a record older than the one kept
 * (an earlier event sent again under a new id) changes nothing.
 */
@Injectable()
export class CrmCustomerHandler {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly customers: CrmCustomerRepository,
  ) {}

  @HandleEvent(customerRegisteredV1)
  async onRegistered(event: EventEnvelope<PayloadOf<typeof customerRegisteredV1>>, ctx: EventContext): Promise<void> {
    await this.keep(ctx, event.payload, event.payload.registeredAt);
  }

  @HandleEvent(customerUpdatedV1)
  async onUpdated(event: EventEnvelope<PayloadOf<typeof customerUpdatedV1>>, ctx: EventContext): Promise<void> {
    await this.keep(ctx, event.payload, event.payload.updatedAt);
  }

  private async keep(ctx: EventContext, customer: CrmCustomer, asOf: string): Promise<void> {
    await this.customers.save(
      ctx.manager,
      { customerId: customer.customerId, name: customer.companyName, email: customer.contactEmail, language: parseLanguage(customer.language), asOf: new Date(asOf) },
      this.clock.now(),
    );
  }
}
