import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type ChannelSubscription, listenToChannel, type Transaction } from '@rental/persistence';
import { DataSource } from 'typeorm';
import type { ReadModelChanges, ReadModelWatch } from '../application/ports/read-model-changes';

const CHANNEL = 'gateway_read_model';

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
export class ReadModelSignal implements ReadModelChanges, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly watchers = new Map<string, Set<Watcher>>();
  private listener?: ChannelSubscription;

  constructor(private readonly dataSource: DataSource) {}

  async announce(tx: Transaction, key: string): Promise<void> {
    await tx.query(`SELECT pg_notify($1, $2)`, [CHANNEL, key]);
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
    // No key: the listener was away and cannot tell what changed, so every waiter looks again.
    this.listener = await listenToChannel(this.dataSource, CHANNEL, (key) => (key ? this.signal(key) : this.signalAll()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.signalAll();
    await this.listener?.close();
  }

  private signalAll(): void {
    for (const key of this.watchers.keys()) this.signal(key);
  }

  private signal(key: string): void {
    for (const watcher of this.watchers.get(key) ?? []) {
      // A waiting watcher wakes now; one that is busy looking will not wait on its next call.
      if (watcher.wake) watcher.wake();
      else watcher.changed = true;
    }
  }
}
