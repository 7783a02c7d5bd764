import { Inject, Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rental/persistence';
import { API_KEY_STORE, type ApiKey, type ApiKeyStore } from '../ports/api-key-store';
import { CUSTOMER_STORE, type CustomerStore } from '../ports/customer-store';

/** A customer's API keys, for the customer itself and for operators. */
@Injectable()
export class ApiKeyQueries {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(CUSTOMER_STORE) private readonly customers: CustomerStore,
    @Inject(API_KEY_STORE) private readonly keys: ApiKeyStore,
  ) {}

  /** Null for a customer the gateway does not know. */
  list(customerId: string): Promise<ApiKey[] | null> {
    return this.unitOfWork.run(async (tx) => {
      if (!(await this.customers.find(customerId, tx))) return null;
      return this.keys.listOf(tx, customerId);
    });
  }
}
