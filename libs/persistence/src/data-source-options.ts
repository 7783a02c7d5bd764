import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { ParameterFreeLogger } from './parameter-free-logger';

export interface ServiceDatabaseOptions {
  url: string;
  /** Shown in pg_stat_activity, so an operator sees which service holds a connection. */
  applicationName: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
}

/**
 * The one way a service talks to its own database: migrations run at start-up,
 * never `synchronize`, so the schema a service runs against is the one its migrations describe.
 * Open them with `openServiceDataSource` (PlatformModule does), which runs those migrations under
 * the database's migration lock, so that instances started together never race.
 */
export function serviceDataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    applicationName: options.applicationName,
    entities: options.entities,
    migrations: options.migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Never TypeORM's own logger: it writes a failed statement's parameters, secrets among them.
    logger: new ParameterFreeLogger(),
    poolSize: options.poolSize ?? 10,
    extra: { connectionTimeoutMillis: 5_000 },
  };
}
