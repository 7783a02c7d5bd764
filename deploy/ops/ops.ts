import {
  AlreadyDecided,
  type DeadLetterDecision,
  DeadLetterDecisions,
  DeadLetterRepair,
  type DeadLetterView,
  originalHeaders,
  type ReplayOutcome,
} from '@rental/messaging';
import type { Kafka } from 'kafkajs';
import { type OpsCommand, parseOpsArguments, USAGE, UsageError } from './ops-arguments';
import { clip, formatTable } from './ops-output';
import { consumerLag, type PlatformStatus, serviceBacklog } from './ops-status';

/** What the CLI works on: the platform's services (or, in a test, fixture services) and where their things are. */
export interface OpsContext {
  kafka: Kafka;
  topicPrefix: string;
  /** Each service by name, with its database (for `status`). */
  services: Record<string, { databaseUrl: string }>;
  /** The operators' own database, where decisions about dead letters are kept. */
  decisionsDatabaseUrl: string;
  operator: string;
  print(text: string): void;
  /** Where wrong usage and refusals go (stderr), so that stdout stays the answer. */
  printError(text: string): void;
}

/** Runs one command line; returns the process's exit code (0 done, 1 refused or failed, 2 wrong usage). */
export async function runOps(argv: readonly string[], context: OpsContext): Promise<number> {
  let command: OpsCommand;
  try {
    command = parseOpsArguments(argv, Object.keys(context.services));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    context.printError(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.command === 'status') return printStatus(command.json, context);
  const decisions = await DeadLetterDecisions.open(context.decisionsDatabaseUrl);
  try {
    const repair = new DeadLetterRepair({ kafka: context.kafka, decisions, topicPrefix: context.topicPrefix, operator: context.operator });
    const out = (json: unknown, text: string) => context.print(command.json ? JSON.stringify(json, null, 2) : text);
    switch (command.command) {
      case 'list': {
        const letters = await repair.list(command.services, { reason: command.reason, type: command.type }, command.includeDecided);
        out(letters.map(summary), formatTable(letters.map(row), 'no dead letters'));
        return 0;
      }
      case 'show': {
        const letter = await repair.show(command.service, command.partition, command.offset);
        out(details(letter), describe(letter));
        return 0;
      }
      case 'replay': {
        const outcomes = await repair.replay(command.service, command.selection, { dryRun: command.dryRun, force: command.force });
        out(
          outcomes.map((o) => ({ ...summary(o.letter), outcome: o.outcome, detail: o.detail })),
          formatTable(outcomes.map(outcomeRow), 'nothing to replay'),
        );
        return outcomes.some((o) => o.outcome === 'refused') ? 1 : 0;
      }
      case 'discard': {
        try {
          const decision = await repair.discard(command.service, command.partition, command.offset, command.note, { force: command.force });
          out(decisionJson(decision), `discarded ${position(decision.at)} of ${decision.at.topic}: "${decision.note}"`);
          return 0;
        } catch (error) {
          if (!(error instanceof AlreadyDecided)) throw error;
          context.printError(`refused: ${error.message}`);
          return 1;
        }
      }
    }
  } finally {
    await decisions.close();
  }
}

async function printStatus(json: boolean, context: OpsContext): Promise<number> {
  const services = Object.keys(context.services);
  const status: PlatformStatus = {
    lag: await consumerLag(context.kafka, services, context.topicPrefix),
    backlogs: await Promise.all(services.map((s) => serviceBacklog(s, context.services[s].databaseUrl))),
  };
  if (json) {
    context.print(JSON.stringify(status, null, 2));
    return 0;
  }
  const age = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? null : `${seconds}s`);
  context.print(
    [
      'consumer lag',
      formatTable(
        status.lag.map((l) => ({ group: l.group, topic: l.topic, partition: l.partition, committed: l.committed, end: l.end, lag: l.lag })),
        'no consumer group has committed yet',
      ),
      '',
      'backlogs',
      formatTable(
        status.backlogs.map((b) => ({
          service: b.service,
          'outbox unpublished': b.outbox.unpublished,
          'oldest unpublished': age(b.outbox.oldestAgeSeconds),
          'timers overdue': b.timers?.overdue,
          'oldest overdue': age(b.timers?.oldestOverdueSeconds),
          'jobs waiting': b.provisioningJobs?.waiting,
          'jobs stuck': b.provisioningJobs?.stuck,
          'mails waiting': b.mailDeliveries?.waiting,
          'mails overdue': b.mailDeliveries?.overdue,
        })),
      ),
    ].join('\n'),
  );
  return 0;
}

const position = (at: { partition: number; offset: string }) => `${at.partition}:${at.offset}`;

const decisionJson = (d: DeadLetterDecision) => ({ ...d, at: { ...d.at }, decidedAt: d.decidedAt.toISOString() });

function summary(letter: DeadLetterView) {
  return {
    service: letter.service,
    deadLetter: position(letter.at),
    topic: letter.at.topic,
    reason: letter.reason,
    detail: letter.detail,
    original: letter.original,
    consumer: letter.consumer,
    failedAt: letter.failedAt,
    eventType: letter.eventType ?? null,
    eventId: letter.eventId ?? null,
    redacted: letter.redacted ?? null,
    decision: letter.decision ? decisionJson(letter.decision) : null,
  };
}

function details(letter: DeadLetterView) {
  return { ...summary(letter), key: letter.message.key?.toString() ?? null, headers: originalHeaders(letter), value: letter.message.value?.toString() ?? null };
}

const row = (l: DeadLetterView) => ({
  service: l.service,
  'dead letter': position(l.at),
  reason: l.reason,
  type: l.eventType,
  'event id': l.eventId,
  original: `${l.original.topic}[${l.original.partition}]@${l.original.offset}`,
  'failed at': l.failedAt,
  decision: l.decision?.decision,
  detail: clip(l.detail),
});

const outcomeRow = (o: ReplayOutcome) => ({
  'dead letter': position(o.letter.at),
  type: o.letter.eventType,
  'event id': o.letter.eventId,
  outcome: o.outcome,
  detail: o.detail,
});

function describe(letter: DeadLetterView): string {
  const value = letter.message.value?.toString();
  let payload = value ?? '(no value)';
  try {
    if (value !== undefined) payload = JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    // Not JSON (a malformed-json dead letter): shown as it came.
  }
  const fields: [string, unknown][] = [
    ['dead letter', `${letter.at.topic} ${position(letter.at)}`],
    ['reason', letter.reason],
    ['detail', letter.detail],
    ['original', `${letter.original.topic}[${letter.original.partition}]@${letter.original.offset}`],
    ['consumer', letter.consumer],
    ['failed at', letter.failedAt],
    ['key', letter.message.key?.toString() ?? null],
    ['redacted', letter.redacted ?? 'no'],
    [
      'decision',
      letter.decision
        ? `${letter.decision.decision} by ${letter.decision.decidedBy} at ${letter.decision.decidedAt.toISOString()}${letter.decision.note ? `: "${letter.decision.note}"` : ''}`
        : 'none',
    ],
  ];
  const headers = Object.entries(originalHeaders(letter)).map(([name, v]) => `  ${name}: ${v}`);
  return [...fields.map(([name, v]) => `${name}: ${v ?? '-'}`), 'headers:', ...headers, 'payload:', payload].join('\n');
}
