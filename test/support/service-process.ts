import { spawnBuilt, type BuiltProcess } from './built-process';

/** Runs one of the five services from the build, exactly as `npm run start:<service>` does. */
export function spawnService(service: string, env: Record<string, string>): BuiltProcess {
  return spawnBuilt(`apps/${service}/src/main.js`, [], { LOG_LEVEL: 'warn', ...env });
}
