import { ConfigError } from '@rental/config';
import { loadBillingSettings } from './billing-settings';

describe('billing configuration', () => {
  it('defaults to the local platform: the sandbox provider, webhook on the gateway, checkout on billing wherever it listens', () => {
    expect(loadBillingSettings({})).toEqual({
      paymentProvider: 'sandbox',
      sandbox: {
        webhookUrl: 'http://127.0.0.1:3000/v1/payment-provider/webhook',
        webhookSecret: 'sandbox-dev-secret',
        webhookAttempts: 5,
        webhookRetryMs: 500,
        checkoutMaxFailedAttempts: 5,
        checkoutLockoutMinutes: 15,
      },
    });
  });

  it('takes the variables given, without a trailing slash on the public URL', () => {
    const config = loadBillingSettings({
      PAYMENT_PROVIDER: 'sandbox',
      SANDBOX_PUBLIC_URL: 'https://pay.example.com/',
      SANDBOX_WEBHOOK_URL: 'https://api.example.com/v1/payment-provider/webhook',
      SANDBOX_WEBHOOK_SECRET: 'a-much-longer-secret-value',
      SANDBOX_WEBHOOK_ATTEMPTS: '2',
    });
    expect(config.sandbox).toMatchObject({ publicUrl: 'https://pay.example.com', webhookSecret: 'a-much-longer-secret-value', webhookAttempts: 2 });
  });

  it('names every bad variable at once', () => {
    const load = () => loadBillingSettings({ PAYMENT_PROVIDER: 'stripe', SANDBOX_PUBLIC_URL: 'ftp://x', SANDBOX_WEBHOOK_ATTEMPTS: '0' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/PAYMENT_PROVIDER[\s\S]*SANDBOX_PUBLIC_URL[\s\S]*SANDBOX_WEBHOOK_ATTEMPTS/);
  });

  it('refuses in production the sandbox provider and its development secret, each by name', () => {
    let problems: readonly string[] = [];
    try {
      loadBillingSettings({ NODE_ENV: 'production' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'PAYMENT_PROVIDER: "sandbox" is a development stand-in, refused in production (not set)',
      'SANDBOX_WEBHOOK_SECRET: is the development default, refused in production: set a secret of your own (not set)',
    ]);
  });
});
