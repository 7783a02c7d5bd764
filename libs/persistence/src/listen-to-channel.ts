import { Logger } from '@nestjs/common';
import { backoffDelay, type BackoffPolicy } from '@rental/retry';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

export interface ChannelSubscription {
  close(): Promise<void>;
}

/** Reconnect delays: doubling from a quarter second, at most 30 s. */
const RECONNECT: BackoffPolicy = { initialMs: 250, maxMs: 30_000, jitter: 0 };

/**
 * LISTENs on a PostgreSQL channel on its own connection (a pooled one cannot keep a LISTEN) and
 * calls back on every notification, which PostgreSQL delivers at the notifying transaction's commit.
 * A lost connection is re-established with backoff, and the callback is then called once without a
 * payload, for whatever was notified meanwhile; callers keep a slow poll for what this cannot see.
 */
export async function listenToChannel(dataSource: DataSource, channel: string, onNotify: (payload?: string) => void): Promise<ChannelSubscription> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`"${channel}" is not a plain channel name`);
  const logger = new Logger(`Listen(${channel})`);
  const { url, applicationName } = dataSource.options as { url: string; applicationName?: string };
  let client: Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: url, application_name: `${applicationName ?? 'rental'}-${channel}` });
    next.on('notification', (message) => onNotify(message.payload || undefined));
    next.on('error', (error) => {
      void next.end().catch(() => undefined);
      // Only the live connection reconnects; one that failed while connecting is retried by its caller.
      if (client !== next) return;
      logger.warn(`lost its connection (${error.message}); polling until it is back`);
      reconnect(1);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    client = next;
  };
  const reconnect = (attempt: number): void => {
    if (closed) return;
    client = undefined;
    timer = setTimeout(
      () => {
        if (closed) return;
        connect()
          .then(() => onNotify())
          .catch(() => reconnect(attempt + 1));
      },
      backoffDelay(attempt, RECONNECT),
    );
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
