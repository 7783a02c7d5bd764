import { generateKeyPairSync } from 'node:crypto';
import { ConfigError } from '@rental/config';
import { isDevelopmentKey } from '@rental/secrets';
import { jobLeaseMs, loadProvisioningSettings } from './provisioning-settings';

describe('provisioning settings', () => {
  it('defaults to a 60-minute payment window, a 200 ms driver that never fails, 3 attempts 2 s apart (doubling) and the development sealing key', () => {
    const settings = loadProvisioningSettings({});
    expect(settings).toEqual({
      paymentWindowMinutes: 60,
      datacentreDriver: 'simulated',
      simulatedDriver: { stepMs: 200, failureRate: 0, maxForcedDelayMs: 10_000, operatorToken: 'dev-operator-token' },
      retries: { maxAttempts: 3, backoffBaseMs: 2_000 },
      jobs: { concurrency: 8, pollIntervalMs: 5_000, leaseMs: 30_000 },
      timerPollMs: 1_000,
      secretsPublicKey: expect.anything(),
    });
    expect(isDevelopmentKey(settings.secretsPublicKey)).toBe(true);
  });

  it("takes the gateway's public sealing key, and refuses its private half with the reason, never the key", () => {
    const gateway = generateKeyPairSync('x25519');
    const publicPem = gateway.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(loadProvisioningSettings({ PROVISIONING_SECRETS_PUBLIC_KEY: publicPem }).secretsPublicKey.equals(gateway.publicKey)).toBe(true);
    const privatePem = gateway.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      loadProvisioningSettings({ PROVISIONING_SECRETS_PUBLIC_KEY: privatePem });
      throw new Error('expected a ConfigError');
    } catch (error) {
      const [problem] = (error as ConfigError).problems;
      expect(problem).toMatch(/^PROVISIONING_SECRETS_PUBLIC_KEY: holds a private key where only the public key belongs; .* \(value not shown\)$/);
      expect(problem).not.toContain(privatePem.split('\n')[1]);
    }
  });

  it('reads every variable, and accepts a driver without latency and retries without a pause', () => {
    const settings = loadProvisioningSettings({
      PAYMENT_WINDOW_MINUTES: '15',
      DATACENTRE_DRIVER: 'simulated',
      PROVISIONING_OPERATOR_TOKEN: 'an-operator-token',
      SIMULATED_DRIVER_STEP_MS: '0',
      SIMULATED_DRIVER_FAILURE_RATE: '0.25',
      PROVISIONING_JOB_CONCURRENCY: '2',
      PROVISIONING_JOB_POLL_MS: '1000',
      PROVISIONING_MAX_ATTEMPTS: '5',
      PROVISIONING_RETRY_BASE_MS: '0',
      TIMER_POLL_MS: '250',
    });
    expect({ ...settings, secretsPublicKey: undefined }).toEqual({
      paymentWindowMinutes: 15,
      datacentreDriver: 'simulated',
      simulatedDriver: { stepMs: 0, failureRate: 0.25, maxForcedDelayMs: 10_000, operatorToken: 'an-operator-token' },
      retries: { maxAttempts: 5, backoffBaseMs: 0 },
      jobs: { concurrency: 2, pollIntervalMs: 1_000, leaseMs: 30_000 },
      timerPollMs: 250,
      secretsPublicKey: undefined,
    });
  });

  it.each(['1.5', '-0.1', 'often', '1e-3'])('refuses a failure rate of %s', (rate) => {
    expect(() => loadProvisioningSettings({ SIMULATED_DRIVER_FAILURE_RATE: rate })).toThrow(ConfigError);
  });

  it('names every bad variable at once', () => {
    try {
      loadProvisioningSettings({
        PAYMENT_WINDOW_MINUTES: '0',
        SIMULATED_DRIVER_STEP_MS: 'fast',
        SIMULATED_DRIVER_FAILURE_RATE: '2',
        PROVISIONING_MAX_ATTEMPTS: '0',
        PROVISIONING_RETRY_BASE_MS: '1.5',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'PAYMENT_WINDOW_MINUTES',
        'PROVISIONING_MAX_ATTEMPTS',
        'PROVISIONING_RETRY_BASE_MS',
        'SIMULATED_DRIVER_FAILURE_RATE',
        'SIMULATED_DRIVER_STEP_MS',
      ]);
    }
  });

  it('keeps a lease longer than three steps of a slow driver or three retry pauses', () => {
    expect(jobLeaseMs(200, 2_000)).toBe(30_000);
    expect(jobLeaseMs(20_000, 2_000)).toBe(60_000);
    expect(jobLeaseMs(200, 15_000)).toBe(45_000);
  });

  it('lets a test force steps of up to a third of the lease', () => {
    expect(loadProvisioningSettings({ PROVISIONING_RETRY_BASE_MS: '20000' }).simulatedDriver.maxForcedDelayMs).toBe(20_000);
  });

  it('refuses in production the simulated datacentre, the development operator token and the development sealing key, each by name', () => {
    let problems: readonly string[] = [];
    try {
      loadProvisioningSettings({ NODE_ENV: 'production', PROVISIONING_OPERATOR_TOKEN: 'short-token' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'DATACENTRE_DRIVER: "simulated" is a development stand-in, refused in production (not set)',
      'PROVISIONING_OPERATOR_TOKEN: must be at least 32 bytes in production (has 11) (set, 11 bytes)',
      'PROVISIONING_SECRETS_PUBLIC_KEY: is the committed development key, refused in production: generate a pair of your own (openssl genpkey -algorithm X25519) (not set)',
    ]);
  });
});
