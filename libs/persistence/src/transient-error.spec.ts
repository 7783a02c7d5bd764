import { isTransientDatabaseError } from './transient-error';

function pgError(code: string, message = 'driver error'): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}

describe('isTransientDatabaseError', () => {
  it.each([
    ['40001', 'serialization failure'],
    ['40P01', 'deadlock detected'],
    ['55P03', 'lock not available'],
    ['53300', 'too many connections'],
    ['08006', 'connection failure'],
    ['08001', 'unable to connect'],
    ['57P01', 'admin shutdown'],
    ['57P02', 'crash shutdown'],
    ['57P03', 'cannot connect now'],
  ])('treats SQLSTATE %s (%s) as transient', (code) => {
    expect(isTransientDatabaseError(pgError(code))).toBe(true);
  });

  it.each([
    ['23505', 'unique violation'],
    ['42P01', 'undefined table'],
    ['23503', 'foreign key violation'],
    ['22P02', 'invalid text representation'],
  ])('treats SQLSTATE %s (%s) as permanent', (code) => {
    expect(isTransientDatabaseError(pgError(code))).toBe(false);
  });

  it('unwraps a TypeORM-style driverError', () => {
    expect(isTransientDatabaseError({ message: 'QueryFailedError', driverError: { code: '40P01' } })).toBe(true);
    expect(isTransientDatabaseError({ message: 'QueryFailedError', driverError: { code: '23505' } })).toBe(false);
  });

  it('unwraps an error cause, several levels deep', () => {
    const root = pgError('40001');
    const middle = new Error('transaction failed', { cause: root });
    expect(isTransientDatabaseError(new Error('handler failed', { cause: middle }))).toBe(true);
    expect(isTransientDatabaseError(new Error('handler failed', { cause: new Error('boom') }))).toBe(false);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN'])('treats the Node error code %s as transient', (code) => {
    expect(isTransientDatabaseError(pgError(code, `connect ${code} 127.0.0.1:5432`))).toBe(true);
  });

  it.each([
    'database "rental" is not currently accepting connections',
    'Connection terminated unexpectedly',
    'timeout exceeded when trying to connect',
    'Client has encountered a connection error and is not queryable',
    'terminating connection due to administrator command',
    'the database system is starting up',
    'the database system is shutting down',
    'Connection is not established with mysql database',
  ])('treats the message "%s" as transient', (message) => {
    expect(isTransientDatabaseError(new Error(message))).toBe(true);
  });

  it('does not treat a plain error as transient', () => {
    expect(isTransientDatabaseError(new Error('boom'))).toBe(false);
  });

  it.each([null, undefined, 'ECONNREFUSED', 40001, {}])('does not treat %p as transient', (value) => {
    expect(isTransientDatabaseError(value)).toBe(false);
  });

  it('ignores a code that is not a string', () => {
    expect(isTransientDatabaseError({ code: 40001 })).toBe(false);
  });

  it('stops on a cycle of causes', () => {
    const a: { message: string; cause?: unknown } = { message: 'a' };
    const b = { message: 'b', cause: a };
    a.cause = b;
    expect(isTransientDatabaseError(a)).toBe(false);
  });
});
