import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Clock } from '@rental/clock';
import { EventRegistry } from '@rental/contracts';
import { type FaultInjector, messagingMigrations, MessagingModule } from '@rental/messaging';
import { openServiceDataSource, serviceDataSourceOptions, UnitOfWork } from '@rental/persistence';
import { DEFAULT_BACKOFF } from '@rental/retry';
import type { DataSourceOptions } from 'typeorm';
import { HealthController } from './health.controller';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { securityHeaders } from './http/security-headers';
import { StorableInputMiddleware } from './http/storable-input';
import type { ServiceSettings } from './service-settings';

export interface PlatformOptions {
  config: ServiceSettings;
  registry: EventRegistry;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: Function[];
  /** The service's own migrations; the messaging tables' migrations are added in front. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: Function[];
  clock?: Clock;
  faults?: FaultInjector;
}

/** The options a service's platform was built with, so a migration-only run finds its migrations (see platformOptionsOf). */
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');

/** The service's database as the platform opens it: its entities, and the messaging tables' migrations before its own. */
export function platformDataSourceOptions({ config, entities, migrations }: PlatformOptions): DataSourceOptions {
  return serviceDataSourceOptions({
    url: config.databaseUrl,
    applicationName: `rental-${config.service}`,
    entities: entities ?? [],
    migrations: [...messagingMigrations, ...(migrations ?? [])],
    poolSize: config.databasePoolSize,
  });
}

/** The platform options inside a service's root module (it imports PlatformModule.forService somewhere). */
export function platformOptionsOf(root: DynamicModule): PlatformOptions {
  const seen = new Set<unknown>();
  const search = (module: unknown): PlatformOptions | undefined => {
    if (typeof module !== 'object' || module === null || seen.has(module)) return undefined;
    seen.add(module);
    const dynamic = module as DynamicModule;
    const own = dynamic.providers?.find(
      (p): p is { provide: symbol; useValue: PlatformOptions } => typeof p === 'object' && 'provide' in p && p.provide === PLATFORM_OPTIONS,
    );
    if (own !== undefined) return own.useValue;
    for (const imported of dynamic.imports ?? []) {
      const found = search(imported);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const found = search(root);
  if (found === undefined) throw new Error(`${root.module.name} does not import PlatformModule.forService`);
  return found;
}

/** What a test may swap in a service's platform: the clock it reads and the faults it injects. */
export type PlatformOverrides = Pick<PlatformOptions, 'clock' | 'faults'>;

/**
 * What every service stands on: its own database (migrated at start-up, one instance at a time), the messaging
 * backbone, /health/live and /health/ready, one error body for every HTTP answer that is not a
 * success, helmet's security headers on every answer, and the refusal of input no service could store.
 */
@Module({})
export class PlatformModule implements NestModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { config } = options;
    return {
      module: PlatformModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...platformDataSourceOptions(options),
            // Fail start-up instead of retrying silently: the supervisor restarts us.
            retryAttempts: 3,
            retryDelay: 1_000,
          }),
          // Migrations under the database's lock: instances of a service started together take turns.
          dataSourceFactory: (dataSourceOptions) => openServiceDataSource(dataSourceOptions!),
        }),
        MessagingModule.forRoot({
          service: config.service,
          brokers: config.kafka.brokers,
          security: config.kafka.security,
          topicPrefix: config.kafka.topicPrefix,
          partitions: config.kafka.partitions,
          registry: options.registry,
          relayPollIntervalMs: config.outbox.pollIntervalMs,
          relayBatchSize: config.outbox.batchSize,
          outboxRetentionHours: config.outbox.retentionHours,
          inboxRetentionDays: config.retention.inboxDays,
          purgeIntervalMs: config.retention.purgeIntervalMs,
          consumerConcurrency: config.consumer.concurrency,
          sessionTimeoutMs: config.consumer.sessionTimeoutMs,
          handlerAttempts: config.consumer.handlerAttempts,
          consumerRestart: config.consumer.restartBackoff,
          backoff: DEFAULT_BACKOFF,
          clock: options.clock,
          faults: options.faults,
        }),
        TerminusModule,
      ],
      controllers: [HealthController],
      providers: [UnitOfWork, { provide: APP_FILTER, useClass: ApiExceptionFilter }, { provide: PLATFORM_OPTIONS, useValue: options }],
      exports: [UnitOfWork],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(securityHeaders(), StorableInputMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
