import { type BeforeApplicationShutdown, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';

const CHANNEL = 'gateway_read_model';

/** Interest in one read-model key (a quote or order id), taken before looking, so no change slips between look and wait. */
export interface ReadModelWatch {
  /** Resolves as soon as the key changed since the last call, or after `ms` at the latest. */
  next(ms: number): Promise<void>;
  close(): void;
}

interface Watcher {
  changed: boolean;
  wake?: () => void;
}

/**
 * Wakes requests that wait for the read model (a command's answer, a live timeline) the moment
 * the event handler's transaction commits: handlers NOTIFY with the key, which PostgreSQL delivers
 * at commit, to every gateway instance. Waiters still look again on a short interval, so a lost
 * notification or a dropped listener connection costs latency, never an answer.
 */
@Injectable()
export class ReadModelSignal implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReadModelSignal.name);
  private readonly watchers = new Map<string, Set<Watcher>>();
  private listener?: Client;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  /** Called by a handler inside its transaction: delivered to the waiters when it commits. */
  static async raise(manager: EntityManager, key: string): Promise<void> {
    await manager.query(`SELECT pg_notify($1, $2)`, [CHANNEL, key]);
  }

  watch(key: string): ReadModelWatch {
    const watcher: Watcher = { changed: false };
    const set = this.watchers.get(key) ?? new Set<Watcher>();
    set.add(watcher);
    this.watchers.set(key, set);
    return {
      next: (ms) => {
        if (watcher.changed) {
          watcher.changed = false;
          return Promise.resolve();
        }
        return new Promise<void>((resolve) => {
          const timer = setTimeout(done, ms);
          function done() {
            clearTimeout(timer);
            watcher.wake = undefined;
            watcher.changed = false;
            resolve();
          }
          watcher.wake = done;
        });
      },
      close: () => {
        watcher.wake?.();
        set.delete(watcher);
        if (set.size === 0) this.watchers.delete(key);
      },
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen().catch((error: Error) => {
      this.logger.warn(`read-model listener not connected (${error.message}); waiters poll until it is`);
      this.reconnect();
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    for (const set of this.watchers.values()) for (const watcher of set) watcher.wake?.();
    await this.listener?.end().catch(() => undefined);
  }

  private signal(key: string): void {
    for (const watcher of this.watchers.get(key) ?? []) {
      // A waiting watcher wakes now; one that is busy looking will not wait on its next call.
      if (watcher.wake) watcher.wake();
      else watcher.changed = true;
    }
  }

  private async listen(): Promise<void> {
    const { url } = this.dataSource.options as { url: string };
    const client = new Client({ connectionString: url, application_name: 'rental-gateway-read-model-listener' });
    client.on('notification', (message) => {
      if (message.payload) this.signal(message.payload);
    });
    client.on('error', (error) => {
      this.logger.warn(`read-model listener lost its connection (${error.message}); waiters poll until it is back`);
      this.reconnect();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private reconnect(attempt = 1): void {
    if (this.stopped) return;
    void this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.listen().catch(() => this.reconnect(attempt + 1));
    }, Math.min(30_000, 250 * 2 ** Math.min(attempt, 7)));
  }
}
