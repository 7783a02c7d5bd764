import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { CLOCK, type Clock } from '@rental/clock';
import { DAY_MS, Outbox, RetentionPurge } from '@rental/messaging';
import { NotifiedLoop } from '@rental/persistence';
import { backoffDelay, type BackoffPolicy } from '@rental/retry';
import { DataSource, type EntityManager } from 'typeorm';
import { type ArmedTimer, type TimerRow, toArmedTimer } from './durable-timers';
import { ON_TIMER } from './on-timer.decorator';
import { TimerContext, type TimerHandlerFn } from './timer-context';
import { TIMER_CHANNEL } from './timer-tables.migration';
import { TIMERS_OPTIONS, type TimersOptions } from './timers.options';

type Fired = 'fired' | 'failed' | 'none';

/** A failing timer is tried again later, never dropped: what it does (close a window, end a rental) must happen. */
export const TIMER_RETRY: BackoffPolicy = Object.freeze({ initialMs: 1_000, maxMs: 300_000, jitter: 0 });

/**
 * Fires due timers, one per transaction: the @OnTimer handler's effect, its events (outbox) and
 * the timer's fired mark commit together. SKIP LOCKED lets several instances share the work
 * without firing a timer twice; a timer that is still locked by one instance is skipped by the others.
 */
@Injectable()
export class TimerRunner implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TimerRunner.name);
  private readonly handlers = new Map<string, TimerHandlerFn>();
  private loop?: NotifiedLoop;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TIMERS_OPTIONS) private readonly options: TimersOptions,
    retention: RetentionPurge,
  ) {
    retention.register({ table: 'durable_timer', column: 'fired_at', retentionMs: options.firedRetentionDays * DAY_MS });
  }

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const kind = this.reflector.get<string | undefined>(ON_TIMER, prototype[method]);
        if (kind === undefined) continue;
        if (this.handlers.has(kind)) throw new Error(`two @OnTimer('${kind}') handlers: a timer kind has one meaning`);
        this.handlers.set(kind, (instance[method] as TimerHandlerFn).bind(instance));
      }
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const loop: NotifiedLoop = new NotifiedLoop({
      name: TimerRunner.name,
      dataSource: this.dataSource,
      channel: TIMER_CHANNEL,
      pollIntervalMs: this.options.pollIntervalMs,
      clock: this.clock,
      // A failed pass (the database went away) committed nothing: the timer stays due for the next poll.
      pass: () => loop.drain(async () => (await this.fireNext()) !== 'none', { limit: this.options.batchSize }),
    });
    this.loop = loop;
    await loop.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  /** Fires what is due now; for a caller that just moved the clock and does not want to wait for the poll. */
  wake(): void {
    this.loop?.wake();
  }

  private fireNext(): Promise<Fired> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const now = this.clock.now();
      const rows: TimerRow[] = await manager.query(
        `SELECT * FROM durable_timer WHERE fired_at IS NULL AND due_at <= $1
         ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now],
      );
      if (rows[0] === undefined) return 'none';
      const timer = toArmedTimer(rows[0]);
      const handler = this.handlers.get(timer.kind);
      await manager.query('SAVEPOINT timer_handler');
      try {
        if (handler === undefined) throw new Error(`no @OnTimer('${timer.kind}') handler in this service`);
        await handler(timer, new TimerContext(timer, manager, this.outbox));
        await manager.query('RELEASE SAVEPOINT timer_handler');
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT timer_handler');
        await this.postpone(manager, timer, now, error as Error);
        return 'failed';
      }
      await manager.query(`UPDATE durable_timer SET fired_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1`, [timer.id, now]);
      return 'fired';
    });
  }

  private async postpone(manager: EntityManager, timer: ArmedTimer, now: Date, error: Error): Promise<void> {
    const attempts = timer.attempts + 1;
    const retryAt = new Date(now.getTime() + backoffDelay(attempts, TIMER_RETRY));
    this.logger.error(`timer ${timer.kind} ${timer.key} failed (attempt ${attempts}), trying again at ${retryAt.toISOString()}: ${error.message}`);
    await manager.query(`UPDATE durable_timer SET attempts = $2, last_error = $3, due_at = $4 WHERE id = $1`, [
      timer.id,
      attempts,
      error.message.slice(0, 2_000),
      retryAt,
    ]);
  }
}
