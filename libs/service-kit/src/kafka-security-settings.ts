import { readFileSync } from 'node:fs';
import { loadConfig, markSecret, MIN_SECRET_BYTES, withProductionRule } from '@rental/config';
import type { KafkaSecurity } from '@rental/messaging';
import { z } from 'zod';

const MECHANISMS = ['none', 'scram-sha-256', 'scram-sha-512'] as const;

/**
 * The variables that say how a client connects to a secured cluster; empty means unset, like every
 * variable. Development may use a plaintext broker; production only an authenticated client over
 * TLS, since a client that any other can impersonate makes every ACL moot.
 */
export const kafkaSecurityVariables = {
  KAFKA_SSL: withProductionRule(z.enum(['true', 'false']).default('false'), (ssl) =>
    ssl === 'true' ? undefined : 'must be true in production: credentials and events travel only over TLS',
  ),
  KAFKA_SSL_CA_FILE: z.string().optional(),
  KAFKA_SASL_MECHANISM: withProductionRule(z.enum(MECHANISMS).default('none'), (mechanism) =>
    mechanism === 'none' ? 'must be scram-sha-256 or scram-sha-512 in production: every client authenticates under its own principal' : undefined,
  ),
  KAFKA_SASL_USERNAME: z.string().optional(),
  // Any string: a password is never checked for shape, so no message ever has a reason to repeat it.
  KAFKA_SASL_PASSWORD: withProductionRule(markSecret(z.string().optional()), (password) => {
    const bytes = password === undefined ? undefined : Buffer.byteLength(password as string, 'utf8');
    return bytes !== undefined && bytes < MIN_SECRET_BYTES ? `must be at least ${MIN_SECRET_BYTES} bytes in production (has ${bytes})` : undefined;
  }),
};

type SecurityValues = z.infer<z.ZodObject<typeof kafkaSecurityVariables>>;

/**
 * The rules between the variables, as issues on the variable to fix. None is ever raised on
 * KAFKA_SASL_PASSWORD while it is set, because loadConfig quotes the value it complains about.
 */
export function checkKafkaSecurity(c: SecurityValues, ctx: z.RefinementCtx): void {
  if (c.KAFKA_SSL_CA_FILE !== undefined) {
    const ca = c.KAFKA_SSL === 'true' ? readCa(c.KAFKA_SSL_CA_FILE) : new Error('trusted only with KAFKA_SSL=true');
    if (ca instanceof Error) ctx.addIssue({ code: 'custom', path: ['KAFKA_SSL_CA_FILE'], message: ca.message });
  }
  if (c.KAFKA_SASL_MECHANISM === 'none') {
    if (c.KAFKA_SASL_USERNAME !== undefined || c.KAFKA_SASL_PASSWORD !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['KAFKA_SASL_MECHANISM'],
        message: 'set it to scram-sha-256 or scram-sha-512 to use KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
      });
    }
    return;
  }
  for (const name of ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'] as const) {
    if (c[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: `required with KAFKA_SASL_MECHANISM=${c.KAFKA_SASL_MECHANISM}` });
  }
}

/** The checked values as the messaging library takes them; the CA file is read here, at start-up. */
export function toKafkaSecurity(c: SecurityValues): KafkaSecurity {
  const ca = c.KAFKA_SSL_CA_FILE === undefined ? undefined : (readCa(c.KAFKA_SSL_CA_FILE) as string);
  return {
    ssl: c.KAFKA_SSL === 'true' ? (ca === undefined ? {} : { ca }) : false,
    ...(c.KAFKA_SASL_MECHANISM === 'none'
      ? {}
      : { sasl: { mechanism: c.KAFKA_SASL_MECHANISM, username: c.KAFKA_SASL_USERNAME!, password: c.KAFKA_SASL_PASSWORD! } }),
  };
}

/** For tools that connect as someone other than a service (the local start, the ACL script): the same variables, the same rules. */
export function loadKafkaSecurity(source: NodeJS.ProcessEnv = process.env): KafkaSecurity {
  return toKafkaSecurity(loadConfig(z.object(kafkaSecurityVariables).superRefine(checkKafkaSecurity), source));
}

function readCa(file: string): string | Error {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return new Error(`cannot read it: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return text.includes('-----BEGIN CERTIFICATE-----') ? text : new Error('holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
}
