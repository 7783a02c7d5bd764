import { randomUUID } from 'node:crypto';
import type { PayloadOf, quoteCreateV1 } from '@rental/contracts';

export type Customer = PayloadOf<typeof quoteCreateV1>['customer'];

/** A Dutch business customer as the gateway snapshots it into a command, new each time unless told. */
export const aCustomer = (overrides: Partial<Customer> = {}): Customer => ({
  customerId: randomUUID(),
  name: 'Stroopwafel Logistics B.V.',
  email: 'it@stroopwafel.example',
  language: 'nl',
  country: 'NL',
  kind: 'business',
  vatNumber: 'NL123456789B01',
  ...overrides,
});
