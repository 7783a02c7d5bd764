import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import { DataSource } from 'typeorm';
import type { ReadSnapshot } from '../application/ports/read-snapshot';

/** One read-only REPEATABLE READ transaction: every read in it sees the same commit. */
@Injectable()
export class PostgresReadSnapshot implements ReadSnapshot {
  constructor(private readonly dataSource: DataSource) {}

  read<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      return work(tx);
    });
  }
}
