import type { DynamicModule } from '@nestjs/common';
import type { RunOptions, ServiceName, ServiceSettings } from '@rental/service-kit';
import { BillingModule } from '../../apps/billing/src/billing.module';
import { loadBillingSettings } from '../../apps/billing/src/billing-settings';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { loadGatewaySettings } from '../../apps/gateway/src/gateway-settings';
import { configure } from '../../apps/gateway/src/interface/http/configure-http';
import { NotificationModule } from '../../apps/notification/src/notification.module';
import { loadNotificationSettings } from '../../apps/notification/src/notification-settings';
import { OrderModule } from '../../apps/order/src/order.module';
import { loadOrderSettings } from '../../apps/order/src/order-settings';
import { ProvisioningModule } from '../../apps/provisioning/src/provisioning.module';
import { loadProvisioningSettings } from '../../apps/provisioning/src/provisioning-settings';
import { type SmtpSink, startSmtpSink } from '../../deploy/local/smtp-sink';
import { AdjustableClock } from './adjustable-clock';
import { deleteTopics, uniqueId } from './isolation';
import { type ServiceApp, startServiceApp } from './service-app';

export const ADMIN_TOKEN = 'e2e-admin-token';
/** What the simulated datacentre's control endpoint requires in X-Operator-Token. */
export const OPERATOR_TOKEN = 'e2e-operator-token';

export interface Platform {
  readonly apps: Readonly<Record<ServiceName, ServiceApp>>;
  /** One clock for all five services, as one datacentre's NTP would give them. */
  readonly clock: AdjustableClock;
  readonly sink: SmtpSink;
  readonly gatewayUrl: string;
  close(): Promise<void>;
}

/**
 * What every platform test sets: a quick simulated datacentre, retries and webhooks (the paths, not
 * the pauses, are under test), the test's SMTP sink and its credentials.
 */
export function platformTestEnv(smtpPort: number): Record<string, string> {
  return {
    TIMER_POLL_MS: '100',
    SIMULATED_DRIVER_STEP_MS: '20',
    PROVISIONING_RETRY_BASE_MS: '100',
    PROVISIONING_JOB_POLL_MS: '500',
    SANDBOX_WEBHOOK_RETRY_MS: '100',
    GATEWAY_FEED_LINGER_MS: '500',
    // Every request of a platform test comes from 127.0.0.1, in bursts (the fuzz, many rentals at once):
    // a 429 there would hide what the test looks for. The limits have tests of their own.
    GATEWAY_RATE_LIMIT_PER_KEY: '1000000',
    GATEWAY_RATE_LIMIT_PER_ADDRESS: '1000000',
    SMTP_PORT: String(smtpPort),
    GATEWAY_ADMIN_TOKEN: ADMIN_TOKEN,
    PROVISIONING_OPERATOR_TOKEN: OPERATOR_TOKEN,
    // Two test files run at once against one PostgreSQL of 100 connections; each service also holds
    // a connection per LISTENing loop besides its pool.
    DATABASE_POOL_SIZE: '4',
  };
}

/**
 * The five services in this process, each on its own database, sharing the real broker (one topic
 * prefix), an SMTP sink and a clock the test moves: the whole platform, driven over HTTP, for paths
 * that take days (payment windows, reminders, the end of a rental) without waiting for them.
 */
export async function startPlatform(env: Record<string, string> = {}): Promise<Platform> {
  const clock = new AdjustableClock(new Date('2026-03-02T09:00:00Z'));
  const sink = await startSmtpSink({ port: 0 });
  const prefix = `t${uniqueId()}.`;
  const shared: Record<string, string> = { ...platformTestEnv(sink.port), ...env };
  const environment = { ...process.env, ...shared };
  const platform = { clock };
  const start = (service: ServiceName, register: (config: ServiceSettings) => DynamicModule, options: RunOptions = {}) =>
    startServiceApp(service, register, shared, prefix, options, false);

  const started: ServiceApp[] = [];
  try {
    // Producers before consumers is not needed (topics are created by every service), but the
    // order service first publishes the catalogue the gateway waits for.
    const order = await start('order', (config) => OrderModule.register(config, loadOrderSettings(environment), platform));
    started.push(order);
    const provisioning = await start('provisioning', (config) => ProvisioningModule.register(config, loadProvisioningSettings(environment), platform));
    started.push(provisioning);
    // Billing's sandbox calls the gateway's webhook, so the gateway listens first.
    const gateway = await start('gateway', (config) => GatewayModule.register(config, loadGatewaySettings(environment), platform), {
      rawBody: true,
      configure,
    });
    started.push(gateway);
    const webhook = { SANDBOX_WEBHOOK_URL: `${gateway.baseUrl}/v1/payment-provider/webhook` };
    const billing = await start('billing', (config) => BillingModule.register(config, loadBillingSettings({ ...environment, ...webhook }), platform));
    started.push(billing);
    const notification = await start('notification', (config) => NotificationModule.register(config, loadNotificationSettings(environment), platform));
    started.push(notification);
    return {
      apps: { order, provisioning, billing, notification, gateway },
      clock,
      sink,
      gatewayUrl: gateway.baseUrl,
      close: async () => {
        for (const app of started.reverse()) await app.close();
        await sink.stop();
        await deleteTopics(prefix);
      },
    };
  } catch (error) {
    for (const app of started.reverse()) await app.close().catch(() => undefined);
    await sink.stop();
    throw error;
  }
}
