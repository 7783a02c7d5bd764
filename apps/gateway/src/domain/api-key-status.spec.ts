import { apiKeyStatus } from './api-key-status';

const now = new Date('2026-12-01T09:00:00Z');
const before = new Date('2026-12-01T08:59:59.999Z');
const after = new Date('2026-12-01T09:00:00.001Z');

describe('apiKeyStatus', () => {
  it.each([
    [null, null, 'active'],
    [null, after, 'active'],
    [null, now, 'expired'],
    [null, before, 'expired'],
    [now, null, 'revoked'],
    [before, before, 'revoked'],
    [before, after, 'revoked'],
  ] as const)('revoked at %s, expiring at %s: %s', (revokedAt, expiresAt, status) => {
    expect(apiKeyStatus({ revokedAt, expiresAt }, now)).toBe(status);
  });
});
