import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rental/persistence';
import { type ApiKey, ApiKeyStore } from '../ports/api-key-store';
import { CustomerStore } from '../ports/customer-store';

/** A customer's API keys, for the customer itself and for operators. */
@Injectable()
export class ApiKeyQueries {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly customers: CustomerStore,
    private readonly keys: ApiKeyStore,
  ) {}

  /** Null for a customer the gateway does not know. */
  list(customerId: string): Promise<ApiKey[] | null> {
    return this.unitOfWork.run(async (tx) => {
      if (!(await this.customers.find(customerId, tx))) return null;
      return this.keys.listOf(tx, customerId);
    });
  }
}
