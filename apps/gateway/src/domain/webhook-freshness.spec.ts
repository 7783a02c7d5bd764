import { judgeWebhookTimestamp } from './webhook-freshness';

describe('judgeWebhookTimestamp', () => {
  const now = new Date('2026-11-25T09:20:00Z');
  const seconds = (offsetMs: number) => String(Math.floor((now.getTime() + offsetMs) / 1_000));

  it('accepts a timestamp of now, or a little while ago', () => {
    expect(judgeWebhookTimestamp(seconds(0), now)).toBe('fresh');
    expect(judgeWebhookTimestamp(seconds(-4 * 60_000), now)).toBe('fresh');
    expect(judgeWebhookTimestamp(seconds(-5 * 60_000), now)).toBe('fresh');
  });

  it('refuses one older than five minutes', () => {
    expect(judgeWebhookTimestamp(seconds(-5 * 60_000 - 1_000), now)).toBe('stale');
  });

  it('allows a minute of clock skew ahead, not more', () => {
    expect(judgeWebhookTimestamp(seconds(60_000), now)).toBe('fresh');
    expect(judgeWebhookTimestamp(seconds(61_000), now)).toBe('from_the_future');
  });

  it('reads 13 digits as milliseconds', () => {
    expect(judgeWebhookTimestamp(String(now.getTime() - 1_000), now)).toBe('fresh');
    expect(judgeWebhookTimestamp(String(now.getTime() - 6 * 60_000), now)).toBe('stale');
  });

  it('calls anything else malformed', () => {
    for (const header of [undefined, '', 'yesterday', '-17', '1.5', '2026-11-25T09:20:00Z', '12345678901234']) {
      expect(judgeWebhookTimestamp(header, now)).toBe('malformed');
    }
  });
});
