import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import { DataSource } from 'typeorm';
import type { Customer, CustomerStore } from '../../application/ports/customer-store';
import { CustomerEntity } from '../entities';

@Injectable()
export class CustomerRepository implements CustomerStore {
  constructor(private readonly dataSource: DataSource) {}

  find(id: string, tx: Transaction = this.dataSource.manager): Promise<Customer | null> {
    return tx.findOneBy(CustomerEntity, { id });
  }

  async add(tx: Transaction, customer: Customer): Promise<void> {
    await tx.insert(CustomerEntity, customer);
  }
}
