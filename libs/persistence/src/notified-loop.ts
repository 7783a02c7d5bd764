import type { DataSource } from 'typeorm';
import { type ChannelSubscription, listenToChannel } from './listen-to-channel';

export interface NotifiedLoopOptions {
  dataSource: DataSource;
  /** The channel a trigger or a handler NOTIFYs when there is new work. */
  channel: string;
  /** A slow poll for what a lost notification would otherwise leave waiting. */
  pollIntervalMs: number;
  /** One pass over the work: 'more' asks for another pass at once (e.g. a full batch was taken). */
  pass: () => Promise<'more' | 'done'>;
}

/**
 * Background work that runs when PostgreSQL says there is some: woken by NOTIFY at commit, by a
 * slow poll, or by wake(). Passes never overlap: a wake during a pass asks for one more pass after
 * it, so nothing notified meanwhile waits for the poll.
 */
export class NotifiedLoop {
  private subscription?: ChannelSubscription;
  private pollTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;

  constructor(private readonly options: NotifiedLoopOptions) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.subscription = await listenToChannel(this.options.dataSource, this.options.channel, () => this.wake());
    this.pollTimer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.pollTimer.unref();
    this.wake(); // work left over from before a restart
  }

  /** Waits for the pass in progress; no new one starts. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    await this.subscription?.close();
    await this.running;
  }

  /** Runs a pass now, or asks the one in progress for another once it is done. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      if ((await this.options.pass()) === 'more') this.again = true;
    } while (this.again && !this.stopped);
  }
}
