export { ConfigError, loadConfig } from './load-config';
export { env, MIN_SECRET_BYTES } from './env-types';
export type { SecretOptions, StandInOptions } from './env-types';
export { RUN_MODES, runModeOf } from './production-rules';
export type { RunMode } from './production-rules';
