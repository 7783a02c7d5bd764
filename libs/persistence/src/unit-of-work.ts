import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * The database transaction one unit of work runs in. Application code only hands it on to the
 * repositories that read and write in it; the queries themselves belong to infrastructure.
 */
export type Transaction = EntityManager;

/**
 * Runs one command's work in one database transaction. Everything a command changes and every
 * event it records in the outbox commit together or not at all.
 */
@Injectable()
export class UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }
}
