import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** Where the lines go: Nest's logger in a service, anything in a test. */
export type LogSink = (level: 'error' | 'warn' | 'log', line: string) => void;

const nest = new Logger('Database');
const toNest: LogSink = (level, line) => nest[level](line);

/**
 * TypeORM's own loggers write a failed statement with its parameters ("-- PARAMETERS: [...]"), so
 * the values it carried (a sealed root password, an API key's hash, a customer's address) would end
 * up in the service's log. This one writes the statement and the database's error, never the
 * parameters; otherwise it logs what `logging: ['error', 'warn', 'migration']` did.
 */
export class ParameterFreeLogger implements TypeOrmLogger {
  constructor(private readonly sink: LogSink = toNest) {}

  /** Every statement: too much for a log, and each carries its parameters. */
  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.sink('error', `query failed: ${oneLine(query)} -- ${error instanceof Error ? error.message : error}`);
  }

  logQuerySlow(time: number, query: string): void {
    this.sink('warn', `query took ${time} ms: ${oneLine(query)}`);
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.sink('log', message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.sink('warn', String(message));
  }
}

function oneLine(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}
