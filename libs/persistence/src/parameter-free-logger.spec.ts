import type { Logger } from 'typeorm';
import { serviceDataSourceOptions } from './data-source-options';
import { type LogSink, ParameterFreeLogger } from './parameter-free-logger';

describe('ParameterFreeLogger', () => {
  const SECRET = '{"scheme":"x25519-hkdf-sha256-aes-256-gcm","ciphertext":"V6jW+MPZ0fxVAAgZ"}';
  const capture = () => {
    const lines: [string, string][] = [];
    const sink: LogSink = (level, line) => lines.push([level, line]);
    // Called as TypeORM calls it, with everything it passes.
    const logger: Logger = new ParameterFreeLogger(sink);
    return { lines, logger };
  };

  it('writes a failed statement and the error, never its parameters', () => {
    const { lines, logger } = capture();
    const error = new Error('duplicate key value violates unique constraint "gateway_machines_pkey"');
    logger.logQueryError(error, 'INSERT INTO gateway_machines (machine_id, root_password_sealed)\n       VALUES ($1, $2)', ['m-1', SECRET]);
    expect(lines).toEqual([
      [
        'error',
        'query failed: INSERT INTO gateway_machines (machine_id, root_password_sealed) VALUES ($1, $2) -- duplicate key value violates unique constraint "gateway_machines_pkey"',
      ],
    ]);
    expect(JSON.stringify(lines)).not.toContain('V6jW');
    expect(JSON.stringify(lines)).not.toContain('m-1');
  });

  it("writes no statement that succeeded (each carries its parameters), nor a slow one's parameters", () => {
    const { lines, logger } = capture();
    logger.logQuery('SELECT 1 WHERE $1', [SECRET]);
    logger.logQuerySlow(1_200, 'UPDATE t SET s = $1', [SECRET]);
    expect(lines).toEqual([['warn', 'query took 1200 ms: UPDATE t SET s = $1']]);
  });

  it("logs migrations and TypeORM's warnings, as logging: ['error', 'warn', 'migration'] did", () => {
    const { lines, logger } = capture();
    logger.logMigration('Migration GatewaySchema1795800000000 has been executed successfully.');
    logger.log('warn', 'something odd');
    logger.log('info', 'chatter');
    logger.logSchemaBuild('CREATE TABLE t');
    expect(lines).toEqual([
      ['log', 'Migration GatewaySchema1795800000000 has been executed successfully.'],
      ['warn', 'something odd'],
    ]);
  });

  it("is every service's database logger", () => {
    const options = serviceDataSourceOptions({ url: 'postgres://x@h/db', applicationName: 'a', entities: [], migrations: [] });
    expect(options.logger).toBeInstanceOf(ParameterFreeLogger);
    expect(options).not.toHaveProperty('logging');
  });
});
