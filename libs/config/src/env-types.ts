import { isIP } from 'node:net';
import { z } from 'zod';
import { markSecret, withProductionRule } from './production-rules';

/** Shortest secret production accepts: 256 bits, as many as `openssl rand -base64 32` gives. */
export const MIN_SECRET_BYTES = 32;

export interface SecretOptions {
  /** Used when the variable is unset, so that a fresh clone runs; production refuses it. */
  devDefault: string;
  /** Other values production refuses as development ones (e.g. a key pair committed to the repository). */
  isDevelopmentValue?: (value: string) => boolean;
}

export interface StandInOptions<T extends string> {
  /** Used when the variable is unset. */
  devDefault: T;
  /** Choices that stand in for a real system during development; production refuses them. */
  standIns: readonly T[];
}

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
      .transform((s) =>
        s
          .split(',')
          .map((b) => b.trim())
          .filter(Boolean),
      )
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

  /**
   * A shared secret (token, HMAC key, password). Outside production the development default
   * applies when it is unset; production refuses that default, any other development value and
   * anything shorter than MIN_SECRET_BYTES. Its value never appears in a configuration error.
   */
  secret: ({ devDefault, isDevelopmentValue }: SecretOptions) =>
    withProductionRule(markSecret(z.string().default(devDefault)), (value) => {
      const secret = value as string;
      if (secret === devDefault || isDevelopmentValue?.(secret)) return 'is the development default, refused in production: set a secret of your own';
      const bytes = Buffer.byteLength(secret, 'utf8');
      if (bytes < MIN_SECRET_BYTES) return `must be at least ${MIN_SECRET_BYTES} bytes in production (has ${bytes})`;
      return undefined;
    }),

  /**
   * Which implementation of a port to use (payment provider, datacentre driver). Production
   * refuses the stand-ins, including when the variable is unset and the stand-in is the default.
   */
  standIn: <T extends string>(choices: readonly [T, ...T[]], { devDefault, standIns }: StandInOptions<T>) =>
    withProductionRule(z.enum(choices).default(devDefault as never), (value) =>
      standIns.includes(value as T) ? `"${String(value)}" is a development stand-in, refused in production` : undefined,
    ),

  /** An IP address to listen on: 127.0.0.1 (this machine only), 0.0.0.0 or :: (every interface), or one interface's. */
  listenHost: (fallback: string) =>
    z
      .string()
      .default(fallback)
      .refine((host) => isIP(host) !== 0, 'must be an IP address, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)'),

  /** Prefix for every topic name, so that test runs or tenants sharing a cluster never meet. */
  topicPrefix: () =>
    z
      .string()
      .regex(/^[a-zA-Z0-9._-]*$/, 'may contain only letters, digits, ".", "_" and "-"')
      .default(''),
};
