import type { orderPlaceV1, PayloadOf } from '@rental/contracts';
import type { Customer } from '../ports/customer-store';

export type CustomerSnapshot = PayloadOf<typeof orderPlaceV1>['customer'];

/** Who the customer is, copied into every command, so the order service prices and bills without asking us. */
export function customerSnapshot(customer: Customer): CustomerSnapshot {
  return {
    customerId: customer.id,
    name: customer.name,
    email: customer.email,
    language: customer.language,
    country: customer.country,
    kind: customer.kind,
    ...(customer.vatNumber ? { vatNumber: customer.vatNumber } : {}),
  };
}
