import { z } from 'zod';

/** Reusable field types for configuration schemas; each parses one environment variable. */
export const env = {
  port: (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback),

  positiveInt: (fallback: number) => z.coerce.number().int().positive().default(fallback),

  /** Comma-separated host:port list, e.g. "127.0.0.1:9092,127.0.0.1:9094". */
  brokers: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
      .pipe(
        z
          .array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'each broker must be host:port'))
          .min(1, 'at least one broker is required'),
      ),

  postgresUrl: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .refine((s) => /^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(s), {
        message: 'must be a postgres:// URL that names a database, e.g. postgres://user@host:5432/db',
      }),

  logLevel: () => z.enum(['fatal', 'error', 'warn', 'log', 'debug', 'verbose']).default('log'),

  /** Prefix for every topic name, so that test runs or tenants sharing a cluster never meet. */
  topicPrefix: () =>
    z
      .string()
      .regex(/^[a-zA-Z0-9._-]*$/, 'may contain only letters, digits, ".", "_" and "-"')
      .default(''),
};
