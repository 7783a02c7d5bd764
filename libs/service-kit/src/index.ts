export { PlatformModule } from './platform.module';
export type { PlatformOptions, PlatformOverrides } from './platform.module';
export { runService } from './run-service';
export type { RunOptions } from './run-service';
export { DEFAULT_KAFKA_BROKERS, loadServiceConfig } from './service-config';
export type { ServiceConfig } from './service-config';
export { defaultDatabaseUrl, envPrefix, SERVICE_NAMES, SERVICES } from './services';
export type { ServiceName } from './services';
