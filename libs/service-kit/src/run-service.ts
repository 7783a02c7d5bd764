import type { AddressInfo } from 'node:net';
import { ConsoleLogger, type DynamicModule, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '@rental/config';
import { describeKafkaSecurity } from '@rental/messaging';
import { ensureDatabase, openServiceDataSource, redactUrl } from '@rental/persistence';
import { platformDataSourceOptions, platformOptionsOf } from './platform.module';
import { loadServiceSettings, type ServiceSettings } from './service-settings';
import type { ServiceName } from './services';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Checks the platform's settings and the service's own (each loader reads the environment and
 * throws ConfigError), and on any problem prints all of them at once and exits 1: an operator
 * fixes a bad configuration, production's refusals included, in one go, without a stack trace.
 */
export function checkSettingsOrExit(service: ServiceName, ...ownLoaders: (() => unknown)[]): void {
  const problems = new Set<string>();
  for (const load of [() => loadServiceSettings(service), ...ownLoaders]) {
    try {
      load();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // A problem both loaders see (NODE_ENV) is told once.
      for (const problem of error.problems) problems.add(problem);
    }
  }
  if (problems.size === 0) return;
  console.error(`[${service}] cannot start. ${new ConfigError([...problems]).message}`);
  process.exit(1);
}

/**
 * Starts one service: validate its configuration (exit 1 with every bad variable named),
 * make sure its database exists, boot Nest (migrations, topics, relay, consumer) and serve HTTP;
 * with MIGRATIONS_ONLY, only migrate its database and return.
 */
export interface RunOptions {
  /** Keep the raw request body (req.rawBody), e.g. to verify a webhook's signature. */
  rawBody?: boolean;
  /** Last touches before listening: global pipes, OpenAPI document... */
  configure?: (app: INestApplication, config: ServiceSettings) => void;
}

export async function runService(service: ServiceName, rootModule: (config: ServiceSettings) => DynamicModule, options: RunOptions = {}): Promise<void> {
  let config: ServiceSettings;
  try {
    config = loadServiceSettings(service);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`[${service}] cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const logger = new ConsoleLogger({
    prefix: service,
    json: config.logFormat === 'json',
    timestamp: true,
    logLevels: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
  });

  try {
    await ensureDatabase(config.databaseUrl);
    if (config.migrationsOnly) {
      // A deployment's migration step: the same lock as a starting instance, then nothing else.
      const dataSource = await openServiceDataSource(platformDataSourceOptions(platformOptionsOf(rootModule(config))));
      await dataSource.destroy();
      logger.log(`migrations applied to ${redactUrl(config.databaseUrl)}; exiting (MIGRATIONS_ONLY)`, 'Bootstrap');
      return;
    }
    const app = await NestFactory.create(rootModule(config), { logger, abortOnError: false, rawBody: options.rawBody ?? false });
    app.enableShutdownHooks();
    options.configure?.(app, config);
    await app.listen(config.port, config.host);
    // With port 0 the system picked one: whoever started the service reads it here.
    const { address, port } = app.getHttpServer().address() as AddressInfo;
    logger.log(
      `listening on ${address.includes(':') ? `[${address}]` : address}:${port}, database ${redactUrl(config.databaseUrl)}, kafka ${config.kafka.brokers.join(',')} ${describeKafkaSecurity(config.kafka.security)}`,
      'Bootstrap',
    );
  } catch (error) {
    logger.fatal(`failed to start: ${(error as Error).stack ?? error}`, 'Bootstrap');
    process.exit(1);
  }
}
