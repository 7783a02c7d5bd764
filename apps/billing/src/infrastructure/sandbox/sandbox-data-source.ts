import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { ParameterFreeLogger } from '@rental/persistence';
import { SandboxPaymentAttemptEntity, SandboxPaymentEntity, SandboxRefundEntity } from './sandbox-payment.entity';

/**
 * The sandbox provider's own small connection pool. A provider is another system: it must not
 * borrow the connection of the billing transaction that calls it. With a shared pool, issuers that
 * each hold a connection (and wait on the year's invoice counter) could leave the one holding the
 * counter no connection to create its payment with, and every one of them would wait for ever.
 */
export const SANDBOX_DATA_SOURCE = 'sandbox-payment-provider';

const SANDBOX_POOL_SIZE = 3;

export function sandboxDataSourceOptions(databaseUrl: string): TypeOrmModuleOptions {
  return {
    name: SANDBOX_DATA_SOURCE,
    type: 'postgres',
    url: databaseUrl,
    applicationName: 'rental-billing-sandbox-provider',
    entities: [SandboxPaymentEntity, SandboxPaymentAttemptEntity, SandboxRefundEntity],
    // Billing's migrations create the sandbox's table; this pool only uses it.
    migrationsRun: false,
    synchronize: false,
    logger: new ParameterFreeLogger(),
    poolSize: SANDBOX_POOL_SIZE,
    extra: { connectionTimeoutMillis: 5_000 },
    retryAttempts: 3,
    retryDelay: 1_000,
  };
}
