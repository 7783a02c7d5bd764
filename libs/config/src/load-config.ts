import { z } from 'zod';

/** Raised when the environment does not satisfy a service's configuration schema. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses environment variables against a zod object schema whose keys are the variable names.
 * Every problem is reported at once, each naming the variable, so an operator fixes them in one go.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const candidate: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    // An empty variable means "not set", so `FOO= npm start` falls back to the default.
    candidate[key] = value === undefined || value === '' ? undefined : value;
  }
  const result = schema.safeParse(candidate);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const given = candidate[String(issue.path[0])];
        return `${name}: ${issue.message}${given === undefined ? ' (not set)' : ` (got "${given}")`}`;
      }),
    );
  }
  return result.data;
}
