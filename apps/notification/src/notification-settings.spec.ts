import { ConfigError } from '@rental/config';
import { DEFAULT_RETRY_POLICY } from './domain/retry-policy';
import { loadNotificationSettings } from './notification-settings';

describe('loadNotificationSettings', () => {
  it('defaults to the local SMTP sink and the domain retry policy', () => {
    expect(loadNotificationSettings({})).toEqual({
      smtp: { host: '127.0.0.1', port: 1025 },
      mailFrom: 'Rental Platform <no-reply@rental.example>',
      retry: DEFAULT_RETRY_POLICY,
      delivery: { pollIntervalMs: 10_000, concurrency: 4 },
    });
  });

  it('reads every variable', () => {
    const settings = loadNotificationSettings({
      SMTP_HOST: 'smtp.relay.example',
      SMTP_PORT: '587',
      MAIL_FROM: 'billing@rental.example',
      NOTIFICATION_RETRY_FIRST_DELAY_MS: '1000',
      NOTIFICATION_RETRY_MAX_DELAY_MS: '60000',
      NOTIFICATION_RETRY_MAX_ATTEMPTS: '3',
      NOTIFICATION_DELIVERY_POLL_INTERVAL_MS: '5000',
      NOTIFICATION_DELIVERY_CONCURRENCY: '2',
    });
    expect(settings).toEqual({
      smtp: { host: 'smtp.relay.example', port: 587 },
      mailFrom: 'billing@rental.example',
      retry: { firstDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 3 },
      delivery: { pollIntervalMs: 5_000, concurrency: 2 },
    });
  });

  it('names every bad variable at once', () => {
    const load = () =>
      loadNotificationSettings({
        SMTP_HOST: 'smtp relay',
        SMTP_PORT: '99999',
        MAIL_FROM: 'Rental Platform <not-an-address>',
        NOTIFICATION_RETRY_FIRST_DELAY_MS: '5000',
        NOTIFICATION_RETRY_MAX_DELAY_MS: '1000',
      });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['SMTP_HOST', 'SMTP_PORT', 'MAIL_FROM']) expect(problems).toContain(name);
    }
  });

  it('refuses a longest retry delay below the first', () => {
    expect(() => loadNotificationSettings({ NOTIFICATION_RETRY_FIRST_DELAY_MS: '5000', NOTIFICATION_RETRY_MAX_DELAY_MS: '1000' })).toThrow(
      /NOTIFICATION_RETRY_MAX_DELAY_MS/,
    );
  });
});
