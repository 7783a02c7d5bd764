import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import { DataSource } from 'typeorm';
import type { ApiKey, ApiKeyStore } from '../../application/ports/api-key-store';
import { ApiKeyEntity } from '../entities';

@Injectable()
export class ApiKeyRepository implements ApiKeyStore {
  constructor(private readonly dataSource: DataSource) {}

  findByHash(keyHash: string): Promise<ApiKey | null> {
    return this.dataSource.getRepository(ApiKeyEntity).findOneBy({ keyHash });
  }

  listOf(tx: Transaction, customerId: string): Promise<ApiKey[]> {
    return tx.find(ApiKeyEntity, { where: { customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  lockAllOf(tx: Transaction, customerId: string): Promise<ApiKey[]> {
    return tx.find(ApiKeyEntity, { where: { customerId }, lock: { mode: 'pessimistic_write' } });
  }

  async add(tx: Transaction, key: ApiKey): Promise<void> {
    await tx.insert(ApiKeyEntity, key);
  }

  async revoke(tx: Transaction, keyId: string, at: Date): Promise<void> {
    await tx.update(ApiKeyEntity, { id: keyId }, { revokedAt: at });
  }
}
