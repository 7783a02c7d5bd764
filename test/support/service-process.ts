import { envPrefix, type ServiceName } from '@rental/service-kit';
import { type BuiltProcess, spawnBuilt } from './built-process';

export interface ServiceProcess extends BuiltProcess {
  /** http://127.0.0.1:<port> once the service listens: on a port the system picked, unless env names one. */
  baseUrl: Promise<string>;
}

/** Runs one of the five services from the build, exactly as `npm run start:<service>` does. */
export function spawnService(service: ServiceName, env: Record<string, string>): ServiceProcess {
  // At log level "log": the start-up line tells the port the service is bound to.
  const process = spawnBuilt(`apps/${service}/src/main.js`, [], { LOG_LEVEL: 'log', [`${envPrefix(service)}_PORT`]: '0', ...env });
  const baseUrl = process.printed(/listening on \S+:(\d+)/).then((match) => `http://127.0.0.1:${match[1]}`);
  // A service that must not start never listens; only a test that waits for it cares.
  baseUrl.catch(() => undefined);
  return { ...process, baseUrl };
}
