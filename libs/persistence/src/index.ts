export { serviceDataSourceOptions } from './data-source-options';
export type { ServiceDatabaseOptions } from './data-source-options';
export { dropDatabase, ensureDatabase, parseDatabaseUrl, redactUrl } from './database-url';
export { isTransientDatabaseError } from './transient-error';
export { listenToChannel } from './listen-to-channel';
export type { ChannelSubscription } from './listen-to-channel';
export { NotifiedLoop } from './notified-loop';
export type { NotifiedLoopOptions } from './notified-loop';
export { UnitOfWork } from './unit-of-work';
