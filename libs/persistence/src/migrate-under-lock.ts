import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions, type Migration } from 'typeorm';

/**
 * The session-level advisory lock an instance holds while it migrates. PostgreSQL scopes advisory
 * locks to the database, so this one key gives every service's database a lock of its own; the
 * other advisory locks in the code are transaction-scoped and named differently.
 */
const MIGRATION_LOCK = `hashtextextended('rental:migrations', 0)`;

/**
 * Runs the data source's pending migrations while holding the database's migration lock, so that
 * instances started together migrate one after the other: the first applies them, the others wait
 * and then find nothing left to do. Without it each would create TypeORM's migrations table and run
 * the same migrations at once, and all but one would fail (or worse, apply a data migration twice).
 *
 * The lock lives on a connection of its own, outside the pool the migrations run on, and only as
 * long as that connection: an instance that dies while migrating releases it with its connection.
 */
async function migrateUnderLock(dataSource: DataSource): Promise<Migration[]> {
  const logger = new Logger('Migrations');
  const { url, applicationName, migrationsTransactionMode } = dataSource.options as { url: string; applicationName?: string } & DataSourceOptions;
  const lock = new Client({ connectionString: url, application_name: `${applicationName ?? 'rental'}-migrations` });
  // A lost lock connection must not crash the process from an unhandled 'error' event; the
  // migration that runs meanwhile still commits or rolls back as one transaction.
  lock.on('error', (error) => logger.warn(`lost the migration lock's connection: ${error.message}`));
  await lock.connect();
  try {
    const [{ locked }] = (await lock.query(`SELECT pg_try_advisory_lock(${MIGRATION_LOCK}) AS locked`)).rows as { locked: boolean }[];
    if (!locked) {
      logger.log('another instance is migrating this database; waiting for it to finish');
      await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    }
    return await dataSource.runMigrations({ transaction: migrationsTransactionMode ?? 'all' });
  } finally {
    // Closing the session releases the lock; a connection that fails to close is gone, lock and all.
    await lock.end().catch(() => undefined);
  }
}

/**
 * Opens a service's data source; a TypeORM `dataSourceFactory` for Nest's TypeOrmModule. When the
 * options ask for migrations at start-up (`migrationsRun`), they run here under the migration lock
 * instead of inside TypeORM's `initialize()`, and the data source is handed to the application
 * only once its schema is current.
 */
export async function openServiceDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  if (!options.migrationsRun) return dataSource;
  try {
    await migrateUnderLock(dataSource);
    return dataSource;
  } catch (error) {
    // Nest retries the start-up: close this pool rather than leave it open beside the next one.
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
