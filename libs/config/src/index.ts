export { ConfigError, loadConfig } from './load-config';
export { env, MIN_SECRET_BYTES } from './env-types';
export type { SecretOptions, StandInOptions } from './env-types';
export { markSecret, RUN_MODES, runModeOf, withProductionRule } from './production-rules';
export type { RunMode } from './production-rules';
