import type { ConfigError } from '@rental/config';
import { loadServiceSettings } from './service-settings';

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    loadServiceSettings('order', env);
  } catch (error) {
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('service configuration', () => {
  it('listens on this machine only by default, and keeps inbox rows 14 days, fired timers 7, purging hourly', () => {
    const config = loadServiceSettings('order', {});
    expect(config.host).toBe('127.0.0.1');
    expect(config.retention).toEqual({ inboxDays: 14, firedTimerDays: 7, purgeIntervalMs: 3_600_000 });
  });

  it("reads the service's own host, an IP address", () => {
    expect(loadServiceSettings('order', { ORDER_HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadServiceSettings('billing', { ORDER_HOST: '0.0.0.0' }).host).toBe('127.0.0.1');
    expect(problemsOf({ ORDER_HOST: 'order.internal' })).toEqual([
      'ORDER_HOST: must be an IP address, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface) (got "order.internal")',
    ]);
  });

  it('refuses an inbox retention no longer than a topic keeps its events (7 days)', () => {
    expect(loadServiceSettings('order', { INBOX_RETENTION_DAYS: '8' }).retention.inboxDays).toBe(8);
    expect(problemsOf({ INBOX_RETENTION_DAYS: '7' })).toEqual([
      'INBOX_RETENTION_DAYS: must be at least 8: longer than a topic keeps an event that could be delivered again (got "7")',
    ]);
  });
});
