import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { UnitOfWork } from '@rental/persistence';
import { ApiKeyStore } from '../ports/api-key-store';
import { type Customer, CustomerStore } from '../ports/customer-store';
import { addApiKey } from './issue-api-key.handler';

export interface NewCustomer {
  name: string;
  email: string;
  language: 'en' | 'nl';
  country: string;
  kind: 'consumer' | 'business';
  vatNumber?: string;
}

export interface RegisteredCustomer {
  customer: Customer;
  /** The only time the key exists in clear. */
  apiKey: string;
}

/** Creates a customer and their first API key together: a customer without a key could do nothing. */
@Injectable()
export class RegisterCustomerHandler {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly customers: CustomerStore,
    private readonly keys: ApiKeyStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(input: NewCustomer): Promise<RegisteredCustomer> {
    const now = this.clock.now();
    const customer: Customer = {
      id: randomUUID(),
      name: input.name,
      email: input.email,
      language: input.language,
      country: input.country,
      kind: input.kind,
      vatNumber: input.vatNumber ?? null,
      createdAt: now,
      source: 'gateway',
      crmAsOf: null,
    };
    const key = await this.unitOfWork.run(async (tx) => {
      await this.customers.add(tx, customer);
      return addApiKey(this.keys, tx, customer.id, now);
    });
    return { customer, apiKey: key.secret };
  }
}
