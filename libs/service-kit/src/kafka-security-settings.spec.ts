import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@rental/config';
import { loadKafkaSecurity } from './kafka-security-settings';
import { loadServiceSettings } from './service-settings';

const PASSWORD = 'pw-Xq7-never-printed';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function problemsOf(source: NodeJS.ProcessEnv): string[] {
  try {
    loadServiceSettings('order', source);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('Kafka client security settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-ca-'));
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, PEM);

  it('is plaintext and anonymous by default', () => {
    expect(loadServiceSettings('order', {}).kafka.security).toEqual({ ssl: false });
    expect(loadKafkaSecurity({ KAFKA_SSL: '', KAFKA_SASL_MECHANISM: '' })).toEqual({ ssl: false });
  });

  it('reads TLS with its CA and SCRAM with the principal', () => {
    const security = loadServiceSettings('order', {
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: caFile,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'order',
      KAFKA_SASL_PASSWORD: PASSWORD,
    }).kafka.security;
    expect(security).toEqual({ ssl: { ca: PEM }, sasl: { mechanism: 'scram-sha-512', username: 'order', password: PASSWORD } });
  });

  it('trusts the system CAs when TLS is on without a CA file', () => {
    expect(loadKafkaSecurity({ KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'crm', KAFKA_SASL_PASSWORD: PASSWORD })).toEqual({
      ssl: {},
      sasl: { mechanism: 'scram-sha-256', username: 'crm', password: PASSWORD },
    });
  });

  it('requires the username and password once a mechanism is set', () => {
    const problems = problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-512' });
    expect(problems).toEqual([
      'KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM=scram-sha-512 (not set)',
      'KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=scram-sha-512 (not set)',
    ]);
  });

  it('refuses credentials without a mechanism, and never repeats the password', () => {
    const problems = problemsOf({ KAFKA_SASL_USERNAME: 'order', KAFKA_SASL_PASSWORD: PASSWORD });
    expect(problems).toEqual([expect.stringMatching(/^KAFKA_SASL_MECHANISM: set it to scram-sha-256 or scram-sha-512/)]);
    expect(problems.join('\n')).not.toContain(PASSWORD);
  });

  it('names every other mistake at once: a bad flag, an unknown mechanism, an unreadable or misplaced CA file', () => {
    expect(problemsOf({ KAFKA_SSL: 'yes', KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: PASSWORD }).map((p) => p.split(':')[0])).toEqual([
      'KAFKA_SSL',
      'KAFKA_SASL_MECHANISM',
    ]);
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: join(dir, 'missing.pem') })).toEqual([
      `KAFKA_SSL_CA_FILE: cannot read it: ENOENT (got "${join(dir, 'missing.pem')}")`,
    ]);
    const notPem = join(dir, 'key.txt');
    writeFileSync(notPem, 'hello');
    expect(problemsOf({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: notPem })).toEqual([
      `KAFKA_SSL_CA_FILE: holds no PEM certificate (-----BEGIN CERTIFICATE-----) (got "${notPem}")`,
    ]);
    expect(problemsOf({ KAFKA_SSL_CA_FILE: caFile })).toEqual([`KAFKA_SSL_CA_FILE: trusted only with KAFKA_SSL=true (got "${caFile}")`]);
  });

  describe('in production', () => {
    const secured = { KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'order' };

    it('refuses an anonymous, plaintext client, naming both settings', () => {
      expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
        'KAFKA_SSL: must be true in production: credentials and events travel only over TLS (not set)',
        'KAFKA_SASL_MECHANISM: must be scram-sha-256 or scram-sha-512 in production: every client authenticates under its own principal (not set)',
      ]);
    });

    it('refuses a password shorter than 32 bytes without printing it', () => {
      const problems = problemsOf({ NODE_ENV: 'production', ...secured, KAFKA_SASL_PASSWORD: PASSWORD });
      expect(problems).toEqual([`KAFKA_SASL_PASSWORD: must be at least 32 bytes in production (has ${PASSWORD.length}) (set, ${PASSWORD.length} bytes)`]);
      expect(problems.join('\n')).not.toContain(PASSWORD);
    });

    it('accepts SCRAM over TLS with a long password', () => {
      const password = PASSWORD.repeat(2);
      expect(loadServiceSettings('order', { NODE_ENV: 'production', ...secured, KAFKA_SASL_PASSWORD: password }).kafka.security).toEqual({
        ssl: {},
        sasl: { mechanism: 'scram-sha-512', username: 'order', password },
      });
    });
  });
});
