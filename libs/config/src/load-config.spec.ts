import { z } from 'zod';
import { env } from './env-types';
import { ConfigError, loadConfig } from './load-config';

const schema = z.object({
  HTTP_PORT: env.port(3000),
  WORKERS: env.positiveInt(4),
  KAFKA_BROKERS: env.brokers('127.0.0.1:9092'),
  DATABASE_URL: env.postgresUrl('postgres://rental@127.0.0.1:5432/rental'),
  LOG_LEVEL: env.logLevel(),
  TOPIC_PREFIX: env.topicPrefix(),
});

function problemsOf(environment: NodeJS.ProcessEnv, s: z.ZodObject = schema): readonly string[] {
  try {
    loadConfig(s, environment);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

const defaults = {
  HTTP_PORT: 3000,
  WORKERS: 4,
  KAFKA_BROKERS: ['127.0.0.1:9092'],
  DATABASE_URL: 'postgres://rental@127.0.0.1:5432/rental',
  LOG_LEVEL: 'log',
  TOPIC_PREFIX: '',
};

describe('loadConfig', () => {
  it('applies every default when nothing is set', () => {
    expect(loadConfig(schema, {})).toEqual(defaults);
  });

  it('treats empty strings as unset', () => {
    expect(
      loadConfig(schema, {
        HTTP_PORT: '',
        WORKERS: '',
        KAFKA_BROKERS: '',
        DATABASE_URL: '',
        LOG_LEVEL: '',
        TOPIC_PREFIX: '',
      }),
    ).toEqual(defaults);
  });

  it('parses set values', () => {
    expect(
      loadConfig(schema, {
        HTTP_PORT: '8080',
        WORKERS: '16',
        KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9094',
        DATABASE_URL: 'postgresql://u:p@db:5433/orders?sslmode=disable',
        LOG_LEVEL: 'debug',
        TOPIC_PREFIX: 'run_7.',
      }),
    ).toEqual({
      HTTP_PORT: 8080,
      WORKERS: 16,
      KAFKA_BROKERS: ['kafka-1:9092', 'kafka-2:9094'],
      DATABASE_URL: 'postgresql://u:p@db:5433/orders?sslmode=disable',
      LOG_LEVEL: 'debug',
      TOPIC_PREFIX: 'run_7.',
    });
  });

  it('reads only the variables the schema names', () => {
    const config = loadConfig(schema, { UNRELATED: 'x', PATH: '/bin' });
    expect(Object.keys(config).sort()).toEqual(Object.keys(defaults).sort());
  });

  it('defaults to process.env', () => {
    const name = 'RENTAL_TEST_ONLY_PORT';
    process.env[name] = '4321';
    try {
      expect(loadConfig(z.object({ [name]: env.port(1) }))).toEqual({ [name]: 4321 });
    } finally {
      delete process.env[name];
    }
  });

  it('reports every invalid variable at once, each with its name and value', () => {
    const problems = problemsOf({
      HTTP_PORT: '70000',
      WORKERS: '-2',
      KAFKA_BROKERS: 'kafka-1',
      DATABASE_URL: 'mysql://db/x',
      LOG_LEVEL: 'chatty',
      TOPIC_PREFIX: 'a b',
    });
    expect(problems).toHaveLength(6);
    for (const [name, given] of [
      ['HTTP_PORT', '70000'],
      ['WORKERS', '-2'],
      ['KAFKA_BROKERS', 'kafka-1'],
      ['DATABASE_URL', 'mysql://db/x'],
      ['LOG_LEVEL', 'chatty'],
      ['TOPIC_PREFIX', 'a b'],
    ]) {
      expect(problems.filter((p) => p.startsWith(name) && p.endsWith(`(got "${given}")`))).toHaveLength(1);
    }
  });

  it('puts every problem in the error message', () => {
    let message = '';
    try {
      loadConfig(schema, { HTTP_PORT: 'abc', LOG_LEVEL: 'chatty' });
    } catch (error) {
      expect((error as Error).name).toBe('ConfigError');
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration:\n {2}- HTTP_PORT: .*\(got "abc"\)\n {2}- LOG_LEVEL: .*\(got "chatty"\)$/);
  });

  it('says "(not set)" for a required variable that is missing', () => {
    const problems = problemsOf({}, z.object({ API_TOKEN: z.string() }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^API_TOKEN: .*\(not set\)$/);
  });

  it.each(['ADMIN_TOKEN', 'WEBHOOK_SECRET', 'SECRETS_PRIVATE_KEY', 'SMTP_PASSWORD'])('never repeats the value of %s, a secret', (name) => {
    const problems = problemsOf({ [name]: 'short' }, z.object({ [name]: z.string().min(8, 'must be at least 8 characters') }));
    expect(problems).toEqual([`${name}: must be at least 8 characters (value not shown)`]);
  });
});

describe('env.port', () => {
  const port = z.object({ PORT: env.port(3000) });

  it('checks the fallback as strictly as a given value', () => {
    expect(problemsOf({}, z.object({ PORT: env.port(70000) }))[0]).toMatch(/^PORT: .*\(not set\)$/);
  });

  it.each(['70000', '65536', '0', 'abc', '80.5', '-1', '1e3', '0x50'])('rejects %s', (value) => {
    const problems = problemsOf({ PORT: value }, port);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^PORT: .*\\(got "${value.replace('.', '\\.')}"\\)$`));
  });

  it.each([
    ['1', 1],
    ['65535', 65535],
    ['8080', 8080],
  ])('accepts %s', (value, expected) => {
    expect(loadConfig(port, { PORT: value })).toEqual({ PORT: expected });
  });
});

describe('env.listenPort', () => {
  const port = z.object({ PORT: env.listenPort(3000) });

  it.each(['70000', '65536', 'abc', '-1'])('rejects %s', (value) => {
    expect(problemsOf({ PORT: value }, port)).toHaveLength(1);
  });

  it.each([
    ['0', 0],
    ['65535', 65535],
  ])('accepts %s', (value, expected) => {
    expect(loadConfig(port, { PORT: value })).toEqual({ PORT: expected });
  });
});

describe('env.positiveInt', () => {
  const s = z.object({ N: env.positiveInt(5) });

  it.each(['0', '-3', '2.5', 'many'])('rejects %s', (value) => {
    expect(problemsOf({ N: value }, s)[0]).toMatch(/^N: /);
  });

  it('accepts a positive integer', () => {
    expect(loadConfig(s, { N: '12' })).toEqual({ N: 12 });
  });
});

describe('env.brokers', () => {
  const s = z.object({ BROKERS: env.brokers('localhost:9092') });

  it('splits on commas, trims and drops empty entries', () => {
    expect(loadConfig(s, { BROKERS: ' a:1 ,b.example.com:9094,, 10.0.0.1:29092 ,' })).toEqual({
      BROKERS: ['a:1', 'b.example.com:9094', '10.0.0.1:29092'],
    });
  });

  it('uses the fallback when unset', () => {
    expect(loadConfig(s, {})).toEqual({ BROKERS: ['localhost:9092'] });
  });

  it.each(['kafka', 'kafka:', ':9092', 'kafka:port', 'a:1,b', 'a b:1', 'kafka:123456'])('rejects "%s" as not host:port', (value) => {
    const problems = problemsOf({ BROKERS: value }, s);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^BROKERS(\.\d+)?: each broker must be host:port/);
    expect(problems[0]).toContain(`(got "${value}")`);
  });

  it('rejects a list with no broker in it', () => {
    const problems = problemsOf({ BROKERS: ' , ,' }, s);
    expect(problems).toEqual(['BROKERS: at least one broker is required (got " , ,")']);
  });
});

describe('env.postgresUrl', () => {
  const s = z.object({ DB: env.postgresUrl('postgres://localhost/app') });

  it.each(['postgres://user@host:5432/db', 'postgresql://host/db', 'postgres://u:p@h/db?sslmode=require'])('accepts %s', (value) => {
    expect(loadConfig(s, { DB: value })).toEqual({ DB: value });
  });

  it.each(['postgres://user@host:5432', 'postgres://user@host:5432/', 'postgres://host/?sslmode=require', 'mysql://host/db', 'host/db'])(
    'rejects %s',
    (value) => {
      const problems = problemsOf({ DB: value }, s);
      expect(problems).toEqual([`DB: must be a postgres:// URL that names a database, e.g. postgres://user@host:5432/db (got "${value}")`]);
    },
  );
});

describe('env.logLevel and env.topicPrefix', () => {
  const s = z.object({ LEVEL: env.logLevel(), PREFIX: env.topicPrefix() });

  it('accepts every Nest log level', () => {
    for (const level of ['fatal', 'error', 'warn', 'log', 'debug', 'verbose']) {
      expect(loadConfig(s, { LEVEL: level }).LEVEL).toBe(level);
    }
  });

  it('rejects a prefix with characters outside letters, digits, ".", "_" and "-"', () => {
    expect(problemsOf({ PREFIX: 'run/1' }, s)).toEqual(['PREFIX: may contain only letters, digits, ".", "_" and "-" (got "run/1")']);
  });
});

describe('production mode', () => {
  const STRONG = 'k'.repeat(32);
  const s = z.object({
    ADMIN_TOKEN: env.secret({ devDefault: 'dev-admin-token' }),
    SIGNING_KEY: env.secret({ devDefault: 'dev-key', isDevelopmentValue: (v) => v.startsWith('DEV ') }),
    PROVIDER: env.standIn(['sandbox', 'mollie'], { devDefault: 'sandbox', standIns: ['sandbox'] }),
  });

  it('applies the development defaults outside production, and accepts short secrets there', () => {
    expect(loadConfig(s, {})).toEqual({ ADMIN_TOKEN: 'dev-admin-token', SIGNING_KEY: 'dev-key', PROVIDER: 'sandbox' });
    expect(loadConfig(s, { NODE_ENV: 'test', ADMIN_TOKEN: 'short' }).ADMIN_TOKEN).toBe('short');
  });

  it('refuses every development default and stand-in in production, unset ones included, naming each', () => {
    expect(problemsOf({ NODE_ENV: 'production' }, s)).toEqual([
      'ADMIN_TOKEN: is the development default, refused in production: set a secret of your own (not set)',
      'SIGNING_KEY: is the development default, refused in production: set a secret of your own (not set)',
      'PROVIDER: "sandbox" is a development stand-in, refused in production (not set)',
    ]);
  });

  it('refuses a secret shorter than 32 bytes and a declared development value, without printing either', () => {
    const problems = problemsOf({ NODE_ENV: 'production', ADMIN_TOKEN: 'dev-admin-token', SIGNING_KEY: 'DEV ' + STRONG, PROVIDER: 'mollie' }, s);
    expect(problems).toEqual([
      'ADMIN_TOKEN: is the development default, refused in production: set a secret of your own (set, 15 bytes)',
      'SIGNING_KEY: is the development default, refused in production: set a secret of your own (set, 36 bytes)',
    ]);
    const short = problemsOf({ NODE_ENV: 'production', ADMIN_TOKEN: 'ab€'.repeat(6), SIGNING_KEY: STRONG, PROVIDER: 'mollie' }, s);
    // Bytes, not characters: 18 characters of which 6 take three bytes each.
    expect(short).toEqual(['ADMIN_TOKEN: must be at least 32 bytes in production (has 30) (set, 30 bytes)']);
    expect(short.join('\n')).not.toContain('ab€');
  });

  it('starts in production with real secrets and a real implementation', () => {
    expect(loadConfig(s, { NODE_ENV: 'production', ADMIN_TOKEN: STRONG, SIGNING_KEY: `${STRONG}x`, PROVIDER: 'mollie' })).toEqual({
      ADMIN_TOKEN: STRONG,
      SIGNING_KEY: `${STRONG}x`,
      PROVIDER: 'mollie',
    });
  });

  it('treats a misspelt NODE_ENV as production and says so, so that a typo never switches the checks off', () => {
    expect(problemsOf({ NODE_ENV: 'prod', ADMIN_TOKEN: STRONG, SIGNING_KEY: STRONG, PROVIDER: 'mollie' }, s)).toEqual([
      'NODE_ENV: must be one of development, test, production (got "prod")',
    ]);
    expect(problemsOf({ NODE_ENV: 'Production', ADMIN_TOKEN: STRONG, SIGNING_KEY: STRONG }, s)).toEqual([
      'NODE_ENV: must be one of development, test, production (got "Production")',
      'PROVIDER: "sandbox" is a development stand-in, refused in production (not set)',
    ]);
  });

  it('reports production problems together with ordinary ones', () => {
    const problems = problemsOf({ NODE_ENV: 'production', ADMIN_TOKEN: STRONG, SIGNING_KEY: STRONG, PROVIDER: 'stripe' }, s);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^PROVIDER: .*\(got "stripe"\)$/);
    const both = problemsOf({ NODE_ENV: 'production', PORT: 'x', ADMIN_TOKEN: STRONG, SIGNING_KEY: STRONG }, s.extend({ PORT: env.port(1) }));
    expect(both.map((p) => p.split(':')[0])).toEqual(['PORT', 'PROVIDER']);
  });
});

describe('env.listenHost', () => {
  const s = z.object({ HOST: env.listenHost('127.0.0.1') });

  it.each(['127.0.0.1', '0.0.0.0', '::', '::1', '10.1.2.3'])('accepts %s', (host) => {
    expect(loadConfig(s, { HOST: host })).toEqual({ HOST: host });
  });

  it('defaults to the fallback', () => {
    expect(loadConfig(s, {})).toEqual({ HOST: '127.0.0.1' });
  });

  it.each(['localhost', '0.0.0.0:80', '256.1.1.1', 'any'])('rejects %s', (host) => {
    expect(problemsOf({ HOST: host }, s)).toEqual([
      `HOST: must be an IP address, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface) (got "${host}")`,
    ]);
  });
});
