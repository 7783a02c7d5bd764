import type { EntityManager } from 'typeorm';
import { ApiKeyEntity } from '../../infrastructure/entities';

export function lockKeys(manager: EntityManager, customerId: string): Promise<ApiKeyEntity[]> {
  return manager.find(ApiKeyEntity, { where: { customerId }, lock: { mode: 'pessimistic_write' } });
}
