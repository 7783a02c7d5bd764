import { parseDatabaseUrl, redactUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it('splits off the database and points the server URL at the postgres database', () => {
    expect(parseDatabaseUrl('postgres://rental:secret@db.local:5433/orders')).toEqual({
      serverUrl: 'postgres://rental:secret@db.local:5433/postgres',
      database: 'orders',
    });
  });

  it('keeps the query string on the server URL', () => {
    expect(parseDatabaseUrl('postgresql://u@h/app?sslmode=require')).toEqual({
      serverUrl: 'postgresql://u@h/postgres?sslmode=require',
      database: 'app',
    });
  });

  it('decodes a percent-encoded database name', () => {
    expect(parseDatabaseUrl('postgres://h:5432/my%20db').database).toBe('my db');
  });

  it.each(['postgres://u:secret@h:5432', 'postgres://u:secret@h:5432/'])('rejects %s, which names no database', (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow('names no database');
  });

  it('does not leak the password in its error', () => {
    let message = '';
    try {
      parseDatabaseUrl('postgres://u:hunter2@h:5432/');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('postgres://u:***@h:5432/');
    expect(message).not.toContain('hunter2');
  });

  it('throws on a string that is not a URL', () => {
    expect(() => parseDatabaseUrl('not a url')).toThrow();
  });
});

describe('redactUrl', () => {
  it('masks the password and keeps the rest', () => {
    expect(redactUrl('postgres://rental:s3cr3t@db:5432/orders?sslmode=require')).toBe('postgres://rental:***@db:5432/orders?sslmode=require');
  });

  it('leaves a URL without a password unchanged', () => {
    expect(redactUrl('postgres://rental@db:5432/orders')).toBe('postgres://rental@db:5432/orders');
  });

  it('masks a percent-encoded password', () => {
    const redacted = redactUrl('postgres://u:p%40ss%2Fword@h/db');
    expect(redacted).toBe('postgres://u:***@h/db');
  });

  it('says so for an unparsable URL instead of echoing it', () => {
    expect(redactUrl('::not a url:: secret')).toBe('(unparsable URL)');
    expect(redactUrl('')).toBe('(unparsable URL)');
  });
});
