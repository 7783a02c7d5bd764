import type { z } from 'zod';
import { isSecret, productionRuleOf, runModeOf } from './production-rules';

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
 * With NODE_ENV=production the fields' production rules apply too (see env.secret, env.standIn).
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const candidate: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    // An empty variable means "not set", so `FOO= npm start` falls back to the default.
    candidate[key] = value === undefined || value === '' ? undefined : value;
  }
  const given = (key: string): string => {
    const value = candidate[key];
    if (value === undefined) return ' (not set)';
    const field = schema.shape[key] as z.ZodType | undefined;
    if (field !== undefined && isSecret(field)) return ` (set, ${Buffer.byteLength(value, 'utf8')} bytes)`;
    // A wrong key is still a key (one with a typo): say what is wrong, never what it is.
    return SECRET_NAME.test(key) ? ' (value not shown)' : ` (got "${value}")`;
  };

  const problems: string[] = [];
  const run = runModeOf(env);
  if (run.problem !== undefined) problems.push(run.problem);
  const result = schema.safeParse(candidate);
  if (!result.success) {
    problems.push(...result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}${given(String(issue.path[0]))}`));
  }
  if (run.mode === 'production') {
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const rule = productionRuleOf(field);
      const parsed = rule === undefined ? undefined : field.safeParse(candidate[key]);
      // A value that does not parse is reported above already.
      const problem = parsed?.success ? rule!(parsed.data) : undefined;
      if (problem !== undefined) problems.push(`${key}: ${problem}${given(key)}`);
    }
  }
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  return result.data;
}
