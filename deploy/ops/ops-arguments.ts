import { parseArgs } from 'node:util';
import { DEAD_LETTER_REASONS } from '@rental/contracts';
import { z } from 'zod';

export const USAGE = `usage: npm run ops -- <command> [--json]
  status                                                   consumer lag, outbox backlog, overdue timers, waiting jobs and mails
  dead-letters list [--service s] [--reason r] [--type t] [--all]
                                                           dead letters not yet replayed or discarded (--all: those too)
  dead-letters show <service> <partition>:<offset>         one, with its original headers and payload
  dead-letters replay <service> (<partition>:<offset> | --reason r | --type t | --all) [--dry-run] [--force]
                                                           publish the original again to its original topic
  dead-letters discard <service> <partition>:<offset> --note "why"
                                                           set one aside for good, with the reason`;

export type OpsCommand =
  | { command: 'status'; json: boolean }
  | { command: 'list'; json: boolean; services: string[]; reason?: string; type?: string; includeDecided: boolean }
  | { command: 'show'; json: boolean; service: string; partition: number; offset: string }
  | {
      command: 'replay';
      json: boolean;
      service: string;
      selection: { partition: number; offset: string } | { filter: { reason?: string; type?: string } };
      dryRun: boolean;
      force: boolean;
    }
  | { command: 'discard'; json: boolean; service: string; partition: number; offset: string; note: string; force: boolean };

/** A wrong command line: its message says what is wrong, and the usage follows it. */
export class UsageError extends Error {}

const position = z
  .string({ error: 'a dead letter is named <partition>:<offset>, e.g. 0:42' })
  .regex(/^\d+:\d+$/, 'a dead letter is named <partition>:<offset>, e.g. 0:42')
  .transform((text) => {
    const [partition, offset] = text.split(':');
    return { partition: Number(partition), offset: String(BigInt(offset)) };
  });
const reason = z.enum(DEAD_LETTER_REASONS, { error: `the reason is one of ${DEAD_LETTER_REASONS.join(', ')}` });
const eventType = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'an event type looks like invoice.paid');

/** Parses `npm run ops -- ...`; throws UsageError naming what is wrong. `services` are the names a service argument may take. */
export function parseOpsArguments(argv: readonly string[], services: readonly string[]): OpsCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
  const { values, positionals } = parsed;
  const service = z.enum(services as [string, ...string[]], { error: `the service is one of ${services.join(', ')}` });
  const [group, verb, ...rest] = positionals;
  const check = <T>(schema: z.ZodType<T>, input: unknown, what: string): T => {
    const result = schema.safeParse(input);
    if (!result.success) throw new UsageError(`${what}: ${result.error.issues.map((i) => i.message).join('; ')}`);
    return result.data;
  };
  const noMore = (count: number) => {
    if (rest.length > count) throw new UsageError(`unexpected argument "${rest[count]}"`);
  };
  const refuseOptions = (...names: (keyof typeof values)[]) => {
    const given = names.filter((name) => values[name] !== undefined);
    if (given.length > 0) throw new UsageError(`${[group, verb].filter(Boolean).join(' ')} does not take --${given.join(', --')}`);
  };
  const json = values.json ?? false;

  if (group === 'status') {
    if (verb !== undefined) throw new UsageError(`unexpected argument "${verb}"`);
    refuseOptions('service', 'reason', 'type', 'all', 'dry-run', 'force', 'note');
    return { command: 'status', json };
  }
  if (group !== 'dead-letters') throw new UsageError(group === undefined ? 'no command given' : `unknown command "${group}"`);
  switch (verb) {
    case 'list':
      noMore(0);
      refuseOptions('dry-run', 'force', 'note');
      return {
        command: 'list',
        json,
        services: values.service === undefined ? [...services] : [check(service, values.service, '--service')],
        reason: values.reason === undefined ? undefined : check(reason, values.reason, '--reason'),
        type: values.type === undefined ? undefined : check(eventType, values.type, '--type'),
        includeDecided: values.all ?? false,
      };
    case 'show': {
      noMore(2);
      refuseOptions('service', 'reason', 'type', 'all', 'dry-run', 'force', 'note');
      return { command: 'show', json, service: check(service, rest[0], 'service'), ...check(position, rest[1], 'dead letter') };
    }
    case 'replay': {
      noMore(2);
      refuseOptions('service', 'note');
      const filter = {
        ...(values.reason === undefined ? {} : { reason: check(reason, values.reason, '--reason') }),
        ...(values.type === undefined ? {} : { type: check(eventType, values.type, '--type') }),
      };
      const ways = [rest[1] !== undefined, Object.keys(filter).length > 0, values.all === true].filter(Boolean).length;
      if (ways !== 1) throw new UsageError('replay takes exactly one of: <partition>:<offset>, --reason and/or --type, --all');
      return {
        command: 'replay',
        json,
        service: check(service, rest[0], 'service'),
        selection: rest[1] !== undefined ? check(position, rest[1], 'dead letter') : { filter },
        dryRun: values['dry-run'] ?? false,
        force: values.force ?? false,
      };
    }
    case 'discard': {
      noMore(2);
      refuseOptions('service', 'reason', 'type', 'all', 'dry-run');
      return {
        command: 'discard',
        json,
        service: check(service, rest[0], 'service'),
        ...check(position, rest[1], 'dead letter'),
        note: check(z.string({ error: 'say why with --note "..."' }).trim().min(1, 'say why with --note "..."'), values.note, '--note'),
        force: values.force ?? false,
      };
    }
    default:
      throw new UsageError(verb === undefined ? 'dead-letters needs list, show, replay or discard' : `unknown command "dead-letters ${verb}"`);
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'boolean' },
      service: { type: 'string' },
      reason: { type: 'string' },
      type: { type: 'string' },
      all: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      force: { type: 'boolean' },
      note: { type: 'string' },
    },
  });
}
