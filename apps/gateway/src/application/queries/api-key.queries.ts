import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@rental/persistence';
import { ApiKeyEntity, CustomerEntity } from '../../infrastructure/entities';

/** A customer's API keys, for the customer itself and for operators. */
@Injectable()
export class ApiKeyQueries {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Null for a customer the gateway does not know. */
  list(customerId: string): Promise<ApiKeyEntity[] | null> {
    return this.unitOfWork.run(async (manager) => {
      if (!(await manager.existsBy(CustomerEntity, { id: customerId }))) return null;
      return manager.find(ApiKeyEntity, { where: { customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
    });
  }
}
