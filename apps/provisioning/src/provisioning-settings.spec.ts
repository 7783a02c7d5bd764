import { ConfigError } from '@rental/config';
import { jobLeaseMs, loadProvisioningSettings } from './provisioning-settings';

describe('provisioning settings', () => {
  it('defaults to a 60-minute payment window and a 200 ms driver that never fails', () => {
    expect(loadProvisioningSettings({})).toEqual({
      paymentWindowMinutes: 60,
      simulatedDriver: { stepMs: 200, failureRate: 0 },
      jobs: { concurrency: 8, pollIntervalMs: 5_000, leaseMs: 30_000 },
    });
  });

  it('reads every variable, and accepts a driver without latency', () => {
    const settings = loadProvisioningSettings({
      PAYMENT_WINDOW_MINUTES: '15',
      SIMULATED_DRIVER_STEP_MS: '0',
      SIMULATED_DRIVER_FAILURE_RATE: '0.25',
      PROVISIONING_JOB_CONCURRENCY: '2',
      PROVISIONING_JOB_POLL_MS: '1000',
    });
    expect(settings).toEqual({
      paymentWindowMinutes: 15,
      simulatedDriver: { stepMs: 0, failureRate: 0.25 },
      jobs: { concurrency: 2, pollIntervalMs: 1_000, leaseMs: 30_000 },
    });
  });

  it.each(['1.5', '-0.1', 'often', '1e-3'])('refuses a failure rate of %s', (rate) => {
    expect(() => loadProvisioningSettings({ SIMULATED_DRIVER_FAILURE_RATE: rate })).toThrow(ConfigError);
  });

  it('names every bad variable at once', () => {
    try {
      loadProvisioningSettings({ PAYMENT_WINDOW_MINUTES: '0', SIMULATED_DRIVER_STEP_MS: 'fast', SIMULATED_DRIVER_FAILURE_RATE: '2' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      const problems = (error as ConfigError).problems;
      expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'PAYMENT_WINDOW_MINUTES',
        'SIMULATED_DRIVER_FAILURE_RATE',
        'SIMULATED_DRIVER_STEP_MS',
      ]);
    }
  });

  it('keeps a lease longer than three steps of a slow driver', () => {
    expect(jobLeaseMs(200)).toBe(30_000);
    expect(jobLeaseMs(20_000)).toBe(60_000);
  });
});
