import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashApiKey } from '../infrastructure/api-key-secrets';
import { ApiKeyEntity, CustomerEntity } from '../infrastructure/entities';

/** Finds the customer an API key belongs to, by the key's hash (one unique-index lookup). */
@Injectable()
export class CustomerAuthentication {
  constructor(private readonly dataSource: DataSource) {}

  async customerFor(apiKey: string): Promise<CustomerEntity | null> {
    return this.dataSource
      .getRepository(CustomerEntity)
      .createQueryBuilder('customer')
      .innerJoin(ApiKeyEntity, 'key', 'key.customer_id = customer.id')
      .where('key.key_hash = :hash AND key.revoked_at IS NULL', { hash: hashApiKey(apiKey) })
      .getOne();
  }
}
