import { z } from 'zod';

/** Reusable field types for configuration schemas; each parses one environment variable. */
/** Plain decimal digits only: no "1e3", "0x50" or " 80". */
const decimal = () => z.string().regex(/^\d+$/, 'must be a whole number').transform(Number);

export const env = {
  // prefault, not default: the fallback goes through the same checks as a given value.
  port: (fallback: number) => decimal().pipe(z.number().min(1).max(65535)).prefault(String(fallback)),

  /** A port to listen on, where 0 asks the system for any free one (read back once bound). */
  listenPort: (fallback: number) => decimal().pipe(z.number().min(0).max(65535)).prefault(String(fallback)),

  positiveInt: (fallback: number) => decimal().pipe(z.number().min(1)).prefault(String(fallback)),

  /** Comma-separated host:port list, e.g. "127.0.0.1:9092,127.0.0.1:9094". */
  brokers: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
      .pipe(
        z
          .array(
            z.string().refine((b) => {
              const port = /^[^\s:]+:(\d{1,5})$/.exec(b)?.[1];
              return port !== undefined && Number(port) >= 1 && Number(port) <= 65535;
            }, 'each broker must be host:port, with a port from 1 to 65535'),
          )
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
