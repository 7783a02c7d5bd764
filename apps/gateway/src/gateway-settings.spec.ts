import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@rental/config';
import { isDevelopmentKey } from '@rental/secrets';
import { loadGatewaySettings } from './gateway-settings';

describe("the gateway's sealing key", () => {
  const pair = generateKeyPairSync('x25519');
  const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('is the marked development key when unset', () => {
    expect(isDevelopmentKey(loadGatewaySettings({}).secretsPrivateKey)).toBe(true);
  });

  it('must be a key of its own in production', () => {
    const strong = { GATEWAY_ADMIN_TOKEN: 'a'.repeat(32), SANDBOX_WEBHOOK_SECRET: 'w'.repeat(32) };
    expect(() => loadGatewaySettings({ NODE_ENV: 'production', ...strong })).toThrow(
      /GATEWAY_SECRETS_PRIVATE_KEY: is the committed development key, refused in production/,
    );
    expect(loadGatewaySettings({ NODE_ENV: 'production', ...strong, GATEWAY_SECRETS_PRIVATE_KEY: privatePem }).secretsPrivateKey.equals(pair.privateKey)).toBe(
      true,
    );
  });

  it('is read from the PEM in the variable, or from the file it names', () => {
    expect(loadGatewaySettings({ GATEWAY_SECRETS_PRIVATE_KEY: privatePem }).secretsPrivateKey.equals(pair.privateKey)).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'gateway-key-')), 'secrets.key');
    writeFileSync(file, privatePem);
    expect(loadGatewaySettings({ GATEWAY_SECRETS_PRIVATE_KEY: file }).secretsPrivateKey.equals(pair.privateKey)).toBe(true);
  });

  it('refuses a public key or a missing file at start-up with what is wrong, never echoing the value', () => {
    const problemOf = (value: string) => {
      try {
        loadGatewaySettings({ GATEWAY_SECRETS_PRIVATE_KEY: value });
      } catch (error) {
        return (error as ConfigError).problems[0];
      }
      throw new Error('expected a ConfigError');
    };
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(problemOf(publicPem)).toMatch(
      /^GATEWAY_SECRETS_PRIVATE_KEY: is not a PEM private key \(-----BEGIN PRIVATE KEY-----\); generate a pair with .* \(value not shown\)$/,
    );
    expect(problemOf('/etc/rental/missing.key')).toBe(
      'GATEWAY_SECRETS_PRIVATE_KEY: is neither a PEM key nor a readable file (ENOENT: /etc/rental/missing.key) (value not shown)',
    );
  });
});

describe('gateway configuration: limits on the public API', () => {
  it('defaults to limits a real customer does not reach: 600 requests a minute per key, 1,200 per address, 5 streams, 100 kB bodies', () => {
    expect(loadGatewaySettings({}).limits).toEqual({
      perKey: 600,
      perAddress: 1_200,
      windowMs: 60_000,
      streamsPerKey: 5,
      bodyBytes: 102_400,
      trustedProxies: [],
    });
  });

  it('takes the variables given', () => {
    const { limits } = loadGatewaySettings({
      GATEWAY_RATE_LIMIT_PER_KEY: '5',
      GATEWAY_RATE_LIMIT_PER_ADDRESS: '50',
      GATEWAY_RATE_LIMIT_WINDOW_MS: '1000',
      GATEWAY_MAX_STREAMS_PER_KEY: '2',
      GATEWAY_MAX_BODY_BYTES: '2048',
      GATEWAY_TRUSTED_PROXIES: 'loopback, 10.0.0.0/8,2001:db8::1',
    });
    expect(limits).toEqual({
      perKey: 5,
      perAddress: 50,
      windowMs: 1_000,
      streamsPerKey: 2,
      bodyBytes: 2_048,
      trustedProxies: ['loopback', '10.0.0.0/8', '2001:db8::1'],
    });
  });

  it('refuses to start on a limit that is not a positive whole number, naming every one', () => {
    const load = () =>
      loadGatewaySettings({
        GATEWAY_RATE_LIMIT_PER_KEY: '0',
        GATEWAY_RATE_LIMIT_PER_ADDRESS: 'lots',
        GATEWAY_MAX_STREAMS_PER_KEY: '-1',
        GATEWAY_MAX_BODY_BYTES: '1.5',
        GATEWAY_TRUSTED_PROXIES: '10.0.0.0/33',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      /GATEWAY_RATE_LIMIT_PER_KEY[\s\S]*GATEWAY_RATE_LIMIT_PER_ADDRESS[\s\S]*GATEWAY_MAX_STREAMS_PER_KEY[\s\S]*GATEWAY_MAX_BODY_BYTES[\s\S]*GATEWAY_TRUSTED_PROXIES/,
    );
  });

  it.each(['everyone', '300.1.1.1', '10.0.0.0/8/1', 'loopback,,x'])('refuses %s as a trusted proxy', (value) => {
    expect(() => loadGatewaySettings({ GATEWAY_TRUSTED_PROXIES: value })).toThrow(/GATEWAY_TRUSTED_PROXIES/);
  });
});
