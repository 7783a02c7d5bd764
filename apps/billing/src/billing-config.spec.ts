import { ConfigError } from '@rental/config';
import { loadBillingConfig } from './billing-config';

describe('billing configuration', () => {
  it('defaults to the local platform: webhook on the gateway, checkout on billing wherever it listens', () => {
    expect(loadBillingConfig({})).toEqual({
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
    const config = loadBillingConfig({
      SANDBOX_PUBLIC_URL: 'https://pay.example.com/',
      SANDBOX_WEBHOOK_URL: 'https://api.example.com/v1/payment-provider/webhook',
      SANDBOX_WEBHOOK_SECRET: 'a-much-longer-secret-value',
      SANDBOX_WEBHOOK_ATTEMPTS: '2',
    });
    expect(config.sandbox).toMatchObject({ publicUrl: 'https://pay.example.com', webhookSecret: 'a-much-longer-secret-value', webhookAttempts: 2 });
  });

  it('names every bad variable at once', () => {
    const load = () => loadBillingConfig({ SANDBOX_PUBLIC_URL: 'ftp://x', SANDBOX_WEBHOOK_SECRET: 'short', SANDBOX_WEBHOOK_ATTEMPTS: '0' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SANDBOX_PUBLIC_URL[\s\S]*SANDBOX_WEBHOOK_SECRET[\s\S]*SANDBOX_WEBHOOK_ATTEMPTS/);
  });
});
