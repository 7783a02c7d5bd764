import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@rental/config';
import { isDevelopmentKey } from '@rental/secrets';
import { loadGatewayConfig } from './gateway-config';

describe("the gateway's sealing key", () => {
  const pair = generateKeyPairSync('x25519');
  const privatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('is the marked development key when unset', () => {
    expect(isDevelopmentKey(loadGatewayConfig({}).secretsPrivateKey)).toBe(true);
  });

  it('is read from the PEM in the variable, or from the file it names', () => {
    expect(loadGatewayConfig({ GATEWAY_SECRETS_PRIVATE_KEY: privatePem }).secretsPrivateKey.equals(pair.privateKey)).toBe(true);
    const file = join(mkdtempSync(join(tmpdir(), 'gateway-key-')), 'secrets.key');
    writeFileSync(file, privatePem);
    expect(loadGatewayConfig({ GATEWAY_SECRETS_PRIVATE_KEY: file }).secretsPrivateKey.equals(pair.privateKey)).toBe(true);
  });

  it('refuses a public key or a missing file at start-up with what is wrong, never echoing the value', () => {
    const problemOf = (value: string) => {
      try {
        loadGatewayConfig({ GATEWAY_SECRETS_PRIVATE_KEY: value });
      } catch (error) {
        return (error as ConfigError).problems[0];
      }
      throw new Error('expected a ConfigError');
    };
    const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(problemOf(publicPem)).toMatch(/^GATEWAY_SECRETS_PRIVATE_KEY: is not a PEM private key \(-----BEGIN PRIVATE KEY-----\); generate a pair with .* \(value not shown\)$/);
    expect(problemOf('/etc/rental/missing.key')).toBe(
      'GATEWAY_SECRETS_PRIVATE_KEY: is neither a PEM key nor a readable file (ENOENT: /etc/rental/missing.key) (value not shown)',
    );
  });
});
