import type { z } from 'zod';

/**
 * What production refuses of one setting: given the value it parsed to, the problem, if any. A
 * rule is attached to the field's schema (see env.secret, env.standIn), so loadConfig applies it
 * to every setting made with that helper, whichever service declares it. The rule belongs to that
 * schema object: declare the field as the helper returns it (a wrapper such as .optional() is
 * another schema, without the rule).
 */
export type ProductionRule = (value: unknown) => string | undefined;

const rules = new WeakMap<z.ZodType, ProductionRule>();

export function withProductionRule<T extends z.ZodType>(schema: T, rule: ProductionRule): T {
  rules.set(schema, rule);
  return schema;
}

const secrets = new WeakSet<z.ZodType>();

/** A setting whose value must not be echoed in an error (which ends up in logs). */
export function markSecret<T extends z.ZodType>(schema: T): T {
  secrets.add(schema);
  return schema;
}

export function isSecret(schema: z.ZodType): boolean {
  return secrets.has(schema);
}

export function productionRuleOf(schema: z.ZodType): ProductionRule | undefined {
  return rules.get(schema);
}

/** NODE_ENV as the platform reads it: unset means development, and a misspelling is an error, not development. */
export const RUN_MODES = ['development', 'test', 'production'] as const;
export type RunMode = (typeof RUN_MODES)[number];

/** The run mode named by NODE_ENV, or a problem when NODE_ENV names none. */
export function runModeOf(source: NodeJS.ProcessEnv): { mode: RunMode; problem?: string } {
  const given = source.NODE_ENV;
  if (given === undefined || given === '') return { mode: 'development' };
  if ((RUN_MODES as readonly string[]).includes(given)) return { mode: given as RunMode };
  // Treated as production while it is reported: a typo must never switch the production checks off.
  return { mode: 'production', problem: `NODE_ENV: must be one of ${RUN_MODES.join(', ')} (got "${given}")` };
}
