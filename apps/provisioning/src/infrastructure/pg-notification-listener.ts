import { Injectable, Logger } from '@nestjs/common';
import { backoffDelay } from '@rental/messaging';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

export interface Subscription {
  close(): Promise<void>;
}

/**
 * LISTENs on a PostgreSQL channel on its own connection (a pooled one cannot keep a LISTEN) and
 * calls back on every notification, which PostgreSQL sends at the notifying transaction's commit.
 * A lost connection is re-established with backoff; callers keep a poll for what is missed meanwhile.
 */
@Injectable()
export class PgNotificationListener {
  private readonly logger = new Logger(PgNotificationListener.name);

  constructor(private readonly dataSource: DataSource) {}

  async listen(channel: string, onNotify: () => void): Promise<Subscription> {
    const { url, applicationName } = this.dataSource.options as { url: string; applicationName?: string };
    let client: Client | undefined;
    let closed = false;
    let timer: NodeJS.Timeout | undefined;

    const connect = async (): Promise<void> => {
      const next = new Client({ connectionString: url, application_name: `${applicationName ?? 'rental'}-${channel}` });
      next.on('notification', () => onNotify());
      next.on('error', (error) => {
        void next.end().catch(() => undefined);
        // Only the live connection reconnects; one that failed while connecting is retried by its caller.
        if (client !== next) return;
        this.logger.warn(`LISTEN ${channel} lost its connection (${error.message}); polling until it is back`);
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
      timer = setTimeout(() => {
        connect()
          .then(onNotify) // whatever was notified while we were away
          .catch(() => reconnect(attempt + 1));
      }, backoffDelay(attempt));
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
}
