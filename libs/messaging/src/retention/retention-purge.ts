import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { DataSource } from 'typeorm';
import { MESSAGING_OPTIONS, type MessagingOptions } from '../messaging.options';

/** Rows of one table that are kept for a while after they stop mattering, then deleted. */
export interface RetentionRule {
  /** e.g. messaging_inbox. */
  table: string;
  /**
   * The UTC time a row stopped mattering, stamped with the service's clock. Rows where it is null
   * (an unpublished outbox row, an unfired timer) are never purged. It must be indexed, so that a
   * purge reads only what it deletes.
   */
  column: string;
  retentionMs: number;
}

/** What one pass deleted, per table. */
export type PurgeReport = Record<string, number>;

const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** Deleted per statement: short transactions, so that a large backlog never holds locks for long. */
const PURGE_BATCH = 1_000;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * The one loop that deletes what a service keeps only for a while: published outbox rows, inbox
 * rows, and what other modules register (fired timers, the gateway's idempotency keys and webhook
 * receipts). The cutoff comes from the injectable clock, the same clock that stamped the rows. It
 * runs soon after start-up and then every purge interval; a failed pass is logged and the next one
 * tries again. Two instances purging at once is harmless: each row is deleted once.
 */
@Injectable()
export class RetentionPurge implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RetentionPurge.name);
  private readonly rules = new Map<string, RetentionRule>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<PurgeReport>;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {
    this.register({ table: 'messaging_outbox', column: 'published_at', retentionMs: options.outboxRetentionHours * HOUR_MS });
    this.register({ table: 'messaging_inbox', column: 'processed_at', retentionMs: options.inboxRetentionDays * DAY_MS });
  }

  /** Called by a module while the application is set up (constructor or onModuleInit), before the first pass. */
  register(rule: RetentionRule): void {
    // Table and column names go into SQL text: only plain identifiers, and never from input.
    if (!IDENTIFIER.test(rule.table) || !IDENTIFIER.test(rule.column)) throw new Error(`not a plain table and column: ${rule.table}.${rule.column}`);
    if (!(rule.retentionMs > 0)) throw new Error(`the retention of ${rule.table} must be positive`);
    if (this.rules.has(rule.table)) throw new Error(`two retention rules for ${rule.table}`);
    this.rules.set(rule.table, rule);
  }

  onApplicationBootstrap(): void {
    // Not awaited: a backlog to purge must not hold up start-up.
    setImmediate(() => void this.purgeNow());
    this.timer = setInterval(() => void this.purgeNow(), this.options.purgeIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass over every rule; a pass already under way is joined rather than doubled. Tests call it after moving the clock. */
  purgeNow(): Promise<PurgeReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<PurgeReport> {
    const now = this.clock.now().getTime();
    const report: PurgeReport = {};
    for (const rule of this.rules.values()) {
      try {
        report[rule.table] = await this.purge(rule, new Date(now - rule.retentionMs));
      } catch (error) {
        this.logger.warn(`purging ${rule.table} failed, trying again at the next pass: ${(error as Error).message}`);
      }
    }
    return report;
  }

  private async purge(rule: RetentionRule, cutoff: Date): Promise<number> {
    let total = 0;
    for (;;) {
      const [, deleted] = (await this.dataSource.query(
        `DELETE FROM ${rule.table} WHERE ctid = ANY (ARRAY (
           SELECT ctid FROM ${rule.table} WHERE ${rule.column} < $1 LIMIT $2))`,
        [cutoff, PURGE_BATCH],
      )) as [unknown, number];
      total += deleted;
      if (deleted < PURGE_BATCH) return total;
    }
  }
}
