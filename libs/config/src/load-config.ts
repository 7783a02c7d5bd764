import { z } from 'zod';

/** Raised when the environment does not satisfy a service's configuration schema. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Variables whose value is a secret (or a key), which an error message must not repeat. */
const SECRET_NAME = /KEY|SECRET|TOKEN|PASSWORD/i;

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
        const variable = String(issue.path[0]);
        const given = candidate[variable];
        if (given === undefined) return `${name}: ${issue.message} (not set)`;
        // A wrong secret is still a secret (a key with one typo): say what is wrong, never what it is.
        return `${name}: ${issue.message}${SECRET_NAME.test(variable) ? ' (value not shown)' : ` (got "${given}")`}`;
      }),
    );
  }
  return result.data;
}
