import { Logger } from '@nestjs/common';
import { type Clock, systemClock } from '@rental/clock';
import { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from '@rental/retry';
import type { DataSource } from 'typeorm';
import { type ChannelSubscription, listenToChannel } from './listen-to-channel';

export interface NotifiedLoopOptions {
  dataSource: DataSource;
  /** The channel a trigger or a handler NOTIFYs when there is new work. */
  channel: string;
  /** A slow poll for what a lost notification would otherwise leave waiting. */
  pollIntervalMs: number;
  /** Names the loop in its log lines. */
  name: string;
  /**
   * One pass over the work: 'more' asks for another pass at once (e.g. a full batch was taken). A
   * pass that throws (the database went away) is logged, and the loop carries on: after `retry`
   * if given, else at the next poll or wake.
   */
  pass: () => Promise<'more' | 'done'>;
  /**
   * The wait after consecutive failed passes, during which wakes wait too (a failing broker or
   * database is not hammered by every commit); without it a failed pass waits for the poll.
   */
  retry?: BackoffPolicy;
  /** When the earliest scheduled work falls due: after a good pass the loop sleeps until then instead of waiting for the poll. */
  nextDueAt?: () => Promise<Date | null | undefined>;
  /** The time due work is measured against; the system clock unless a test moves it. */
  clock?: Clock;
  /** A pass that makes no progress for this long is stuck (see LoopLiveness); five minutes unless given. */
  stuckAfterMs?: number;
}

/**
 * What a loop says about itself to the health probes: when it last completed a pass, whether it
 * is waiting out a failure, and whether the pass in progress has been running for too long.
 */
export interface LoopLiveness {
  name: string;
  state: 'idle' | 'passing' | 'backing-off' | 'stopped';
  /** The end of the last pass that did not throw; null before the first. */
  lastPassAt: Date | null;
  consecutiveFailures: number;
  /**
   * The pass in progress has made no progress (started, or finished an item of a drain) for longer
   * than its stuckAfterMs: nothing but a process restart frees it. A long drain that keeps taking items is not stuck.
   */
  stuck: boolean;
}

/**
 * Where a loop hears that there is work: the database and the channel its trigger NOTIFYs. A
 * worker in an application layer gets it injected, so it never names the database driver itself.
 */
export type WorkNotices = Readonly<Pick<NotifiedLoopOptions, 'dataSource' | 'channel'>>;

/** How many items a drain takes at most in parallel lanes, and in all (then the pass asks for more). */
export interface DrainOptions {
  lanes?: number;
  limit?: number;
}

/** Timers beyond this are not armed (setTimeout's limit is about 24.8 days); the poll covers them. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const DEFAULT_STUCK_AFTER_MS = 5 * 60_000;

/**
 * The started loops of each application, found through its DataSource so that the health probes
 * see every worker (the relay, the timer runner, a service's own runners) without each of them
 * registering by hand; keyed by DataSource so that two applications in one process stay apart.
 */
const startedLoops = new WeakMap<DataSource, Set<NotifiedLoop>>();

/** The liveness of every loop started on this DataSource and not stopped. */
export function loopLiveness(dataSource: DataSource): LoopLiveness[] {
  return [...(startedLoops.get(dataSource) ?? [])].map((loop) => loop.liveness());
}

/**
 * Background work that runs when PostgreSQL says there is some: the loop every runner of due rows
 * shares (refunds, mail deliveries, machine jobs, durable timers), so each keeps only its query and
 * its work. Woken by NOTIFY at commit, by a slow poll, by wake(), at a time given to wakeAt(), and
 * when the earliest scheduled work falls due. Passes never overlap: a wake during a pass asks for
 * one more pass after it, so nothing notified meanwhile waits for the poll. A failing pass does not
 * end the loop: it is logged and tried again (after a backoff, or at the next poll).
 */
export class NotifiedLoop {
  private readonly logger: Logger;
  private readonly clock: Clock;
  private subscription?: ChannelSubscription;
  private pollTimer?: NodeJS.Timeout;
  /** Armed after each pass: the next due work, or the retry after a failure. */
  private dueTimer?: NodeJS.Timeout;
  private readonly wakeTimers = new Set<NodeJS.Timeout>();
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private consecutiveFailures = 0;
  private backingOff = false;
  /** Passes in a row that left due work behind (another instance holds it). */
  private dueButHeld = 0;
  private lastPassAt: Date | null = null;
  /**
   * When the pass in progress last showed progress (its start, or an item of its drain done); wall
   * time, not the injectable clock: a test that moves the clock must not make a pass look stuck.
   */
  private passProgressAt?: number;

  constructor(private readonly options: NotifiedLoopOptions) {
    this.logger = new Logger(options.name);
    this.clock = options.clock ?? systemClock;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  liveness(): LoopLiveness {
    const stuckAfterMs = this.options.stuckAfterMs ?? DEFAULT_STUCK_AFTER_MS;
    const passing = this.passProgressAt !== undefined;
    return {
      name: this.options.name,
      state: this.stopped ? 'stopped' : passing ? 'passing' : this.backingOff ? 'backing-off' : 'idle',
      lastPassAt: this.lastPassAt,
      consecutiveFailures: this.consecutiveFailures,
      stuck: passing && Date.now() - this.passProgressAt! > stuckAfterMs,
    };
  }

  async start(): Promise<void> {
    this.stopped = false;
    const loops = startedLoops.get(this.options.dataSource) ?? new Set<NotifiedLoop>();
    startedLoops.set(this.options.dataSource, loops.add(this));
    this.subscription = await listenToChannel(this.options.dataSource, this.options.channel, () => this.wake());
    this.pollTimer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.pollTimer.unref();
    this.wake(); // work left over from before a restart
  }

  /** Waits for the pass in progress; no new one starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    startedLoops.get(this.options.dataSource)?.delete(this);
    clearInterval(this.pollTimer);
    clearTimeout(this.dueTimer);
    for (const timer of this.wakeTimers) clearTimeout(timer);
    this.wakeTimers.clear();
    await this.subscription?.close();
    await this.running;
  }

  /** Runs a pass now, or asks the one in progress for another once it is done. */
  wake(): void {
    if (this.stopped || this.backingOff) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Runs a pass at `at` (at once if it has come), e.g. when work this instance scheduled falls due. */
  wakeAt(at: Date): void {
    const delay = Math.max(0, at.getTime() - this.clock.now().getTime());
    if (this.stopped || delay > MAX_TIMER_MS) return;
    const timer = setTimeout(() => {
      this.wakeTimers.delete(timer);
      this.wake();
    }, delay);
    timer.unref();
    this.wakeTimers.add(timer);
  }

  /**
   * Takes due items one after another in `lanes` parallel lanes until `takeNext` finds none (false),
   * the loop stops, or `limit` items were taken ('more': the caller's pass asks for another). A
   * lane that fails ends; the others finish what they hold, then the first failure is thrown.
   */
  async drain(takeNext: () => Promise<boolean>, { lanes = 1, limit = Number.POSITIVE_INFINITY }: DrainOptions = {}): Promise<'more' | 'done'> {
    let taken = 0;
    const lane = async (): Promise<void> => {
      while (!this.stopped && taken < limit) {
        taken += 1;
        const tookOne = await takeNext();
        if (this.passProgressAt !== undefined) this.passProgressAt = Date.now();
        if (!tookOne) {
          taken -= 1;
          return;
        }
      }
    };
    const outcomes = await Promise.allSettled(Array.from({ length: lanes }, lane));
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    return taken >= limit ? 'more' : 'done';
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      if ((await this.runPass()) === 'more') this.again = true;
    } while (this.again && !this.stopped);
  }

  private async runPass(): Promise<'more' | 'done'> {
    let outcome: 'more' | 'done';
    this.passProgressAt = Date.now();
    try {
      outcome = await this.options.pass();
    } catch (error) {
      this.passProgressAt = undefined;
      this.consecutiveFailures += 1;
      const { retry } = this.options;
      this.logger.warn(
        `a pass failed (${this.consecutiveFailures} in a row), ${retry ? 'retrying after a backoff' : 'the poll retries'}: ${(error as Error).message}`,
      );
      if (retry) {
        const delay = backoffDelay(this.consecutiveFailures, retry);
        this.backingOff = true;
        this.armDueTimer(delay, () => {
          this.backingOff = false;
          this.wake();
        });
      }
      return 'done';
    }
    this.passProgressAt = undefined;
    this.consecutiveFailures = 0;
    this.lastPassAt = this.clock.now();
    if (outcome === 'done') await this.armForNextDue();
    return outcome;
  }

  /** Sleeps until the earliest scheduled work instead of waiting for the next poll. */
  private async armForNextDue(): Promise<void> {
    if (this.stopped || !this.options.nextDueAt) return;
    let due: Date | null | undefined;
    try {
      due = await this.options.nextDueAt();
    } catch (error) {
      this.logger.warn(`could not look up the next due work; the poll will find it: ${(error as Error).message}`);
      return;
    }
    if (!due) return;
    const delay = due.getTime() - this.clock.now().getTime();
    if (delay > 0) {
      this.dueButHeld = 0;
      this.armDueTimer(delay);
      return;
    }
    // Due already yet not taken: another instance holds it, or it fell due while we looked. Look
    // again soon, less and less often while it stays held, rather than spin or wait for the poll.
    this.dueButHeld += 1;
    this.armDueTimer(backoffDelay(this.dueButHeld, DEFAULT_BACKOFF));
  }

  private armDueTimer(delayMs: number, then = () => this.wake()): void {
    if (this.stopped || delayMs > MAX_TIMER_MS) return;
    clearTimeout(this.dueTimer);
    this.dueTimer = setTimeout(then, Math.max(0, delayMs));
    this.dueTimer.unref();
  }
}
