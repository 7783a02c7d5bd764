import type { customerRegisteredV1, customerUpdatedV1, PayloadOf } from '@rental/contracts';
import { parseLanguage } from '../../domain/language';
import type { CrmCustomer } from '../ports/crm-customer-store';

/**
 * Where the CRM says a customer's mail goes, as of the event's time. Each CRM event is the whole
 * record; the CRM keys them by customer id, so they arrive in order, and the store keeps a record
 * older than the one it has (an earlier event sent again under a new id) from changing anything.
 */
export function crmCustomerRecord(customer: PayloadOf<typeof customerRegisteredV1> | PayloadOf<typeof customerUpdatedV1>, asOf: string): CrmCustomer {
  return {
    customerId: customer.customerId,
    name: customer.companyName,
    email: customer.contactEmail,
    language: parseLanguage(customer.language),
    asOf: new Date(asOf),
  };
}
