import { Injectable } from '@nestjs/common';
import { customerRegisteredV1, customerUpdatedV1, type EventEnvelope, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';

type CrmCustomer = PayloadOf<typeof customerRegisteredV1> | PayloadOf<typeof customerUpdatedV1>;

/**
 * The gateway's copy of the CRM's customers, in the one customers table, so an operator can issue a
 * CRM customer an API key and its quotes and orders carry the CRM's details. Each event is the whole
 * record; the CRM keys them by customer id, so they arrive in order, and a record older than the one
 * applied (the CRM sending an earlier event again under a new id) changes nothing.
 */
@Injectable()
export class CrmCustomerProjection {
  @HandleEvent(customerRegisteredV1)
  async onRegistered(event: EventEnvelope<PayloadOf<typeof customerRegisteredV1>>, ctx: EventContext): Promise<void> {
    await this.apply(ctx, event.payload, event.payload.registeredAt);
  }

  @HandleEvent(customerUpdatedV1)
  async onUpdated(event: EventEnvelope<PayloadOf<typeof customerUpdatedV1>>, ctx: EventContext): Promise<void> {
    await this.apply(ctx, event.payload, event.payload.updatedAt);
  }

  private async apply(ctx: EventContext, c: CrmCustomer, asOf: string): Promise<void> {
    // created_at is the CRM's time of the first record seen; an API key is never created here.
    await ctx.manager.query(
      `INSERT INTO gateway_customers (id, name, email, language, country, kind, vat_number, created_at, source, crm_as_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'crm', $8)
       ON CONFLICT (id) DO UPDATE SET
         name = EXCLUDED.name, email = EXCLUDED.email, language = EXCLUDED.language, country = EXCLUDED.country,
         kind = EXCLUDED.kind, vat_number = EXCLUDED.vat_number, source = 'crm', crm_as_of = EXCLUDED.crm_as_of
       WHERE gateway_customers.crm_as_of IS NULL OR gateway_customers.crm_as_of <= EXCLUDED.crm_as_of`,
      [c.customerId, c.companyName, c.contactEmail, c.language, c.country, c.kind, c.vatNumber ?? null, asOf],
    );
  }
}
