import type { Result } from '@rental/result';
import { Delivery, type DeliveryState, InvalidDeliveryError } from './delivery';

const at = (iso: string) => new Date(iso);
const created = at('2026-03-10T12:00:00.000Z');
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

const input = () => ({
  id: 'dlv-1',
  causingEventId: '5b8f0c8e-6a57-4a43-9d53-2b9f0b3f7c11',
  kind: 'machine-ready' as const,
  recipient: 'jane@example.com',
});

const fresh = () => Delivery.create(input(), created);

function expectOk<T>(result: Result<T, unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('Delivery.create', () => {
  it('starts pending, with the causing event id, no attempts, and due at once', () => {
    const delivery = fresh();
    expect(delivery.snapshot()).toEqual({
      ...input(),
      status: 'pending',
      createdAt: created,
      attempts: [],
      nextAttemptAt: created,
    });
    expect(delivery.causingEventId).toBe('5b8f0c8e-6a57-4a43-9d53-2b9f0b3f7c11');
    expect(delivery.isDue(created)).toBe(true);
    expect(delivery.isDue(plus(created, -1))).toBe(false);
  });

  it.each([
    ['an empty id', { id: ' ' }],
    ['no causing event id', { causingEventId: '' }],
    ['an unknown kind', { kind: 'newsletter' }],
    ['a recipient that is not an address', { recipient: 'jane' }],
  ])('throws on %s, a bug upstream', (_, override) => {
    expect(() => Delivery.create({ ...input(), ...override } as ReturnType<typeof input>, created)).toThrow(InvalidDeliveryError);
  });

  it('throws on an invalid time or policy', () => {
    expect(() => Delivery.create(input(), new Date('nonsense'))).toThrow(InvalidDeliveryError);
    expect(() => Delivery.create(input(), created, { firstDelayMs: 0, maxDelayMs: 1, maxAttempts: 1 })).toThrow(RangeError);
  });
});

describe('Delivery.recordSuccess', () => {
  it('marks the delivery sent, records the attempt and returns delivery.sent', () => {
    const delivery = fresh();
    const sentAt = plus(created, 2 * SECOND);
    expect(expectOk(delivery.recordSuccess(sentAt))).toEqual({
      type: 'delivery.sent',
      deliveryId: 'dlv-1',
      causingEventId: input().causingEventId,
      kind: 'machine-ready',
      attempt: 1,
      at: sentAt,
    });
    expect(delivery.status).toBe('sent');
    expect(delivery.nextAttemptAt).toBeNull();
    expect(delivery.snapshot().attempts).toEqual([{ at: sentAt, outcome: 'sent' }]);
    expect(delivery.isDue(plus(created, 60 * MINUTE))).toBe(false);
  });

  it('counts the attempts that failed before', () => {
    const delivery = fresh();
    expectOk(delivery.recordFailure('421 try again later', created));
    expect(expectOk(delivery.recordSuccess(plus(created, 30 * SECOND))).attempt).toBe(2);
  });

  it('refuses a second outcome for a sent delivery and changes nothing', () => {
    const delivery = fresh();
    expectOk(delivery.recordSuccess(created));
    const before = delivery.snapshot();
    expect(delivery.recordSuccess(plus(created, SECOND))).toEqual({ ok: false, error: { reason: 'not_pending', status: 'sent' } });
    expect(delivery.recordFailure('late', plus(created, SECOND))).toEqual({ ok: false, error: { reason: 'not_pending', status: 'sent' } });
    expect(delivery.snapshot()).toEqual(before);
  });
});

describe('Delivery.recordFailure', () => {
  it('schedules the next attempt 30 s after the first failure', () => {
    const delivery = fresh();
    const failedAt = plus(created, SECOND);
    expect(expectOk(delivery.recordFailure('connection refused', failedAt))).toEqual({
      type: 'delivery.retry-scheduled',
      deliveryId: 'dlv-1',
      attempt: 1,
      error: 'connection refused',
      nextAttemptAt: plus(failedAt, 30 * SECOND),
      at: failedAt,
    });
    expect(delivery.status).toBe('pending');
    expect(delivery.snapshot().attempts).toEqual([{ at: failedAt, outcome: 'failed', error: 'connection refused' }]);
    expect(delivery.isDue(plus(failedAt, 30 * SECOND - 1))).toBe(false);
    expect(delivery.isDue(plus(failedAt, 30 * SECOND))).toBe(true);
  });

  it('backs off exponentially up to 30 min and fails after the eighth attempt', () => {
    const delivery = fresh();
    let now = created;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 7; attempt += 1) {
      const event = expectOk(delivery.recordFailure(`attempt ${attempt}`, now));
      if (event.type !== 'delivery.retry-scheduled') throw new Error(`attempt ${attempt} should be retried`);
      waits.push(event.nextAttemptAt.getTime() - now.getTime());
      now = event.nextAttemptAt;
    }
    expect(waits).toEqual([30 * SECOND, MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 16 * MINUTE, 30 * MINUTE]);

    expect(expectOk(delivery.recordFailure('attempt 8', now))).toEqual({
      type: 'delivery.failed',
      deliveryId: 'dlv-1',
      causingEventId: input().causingEventId,
      kind: 'machine-ready',
      attempts: 8,
      error: 'attempt 8',
      at: now,
    });
    expect(delivery.status).toBe('failed');
    expect(delivery.nextAttemptAt).toBeNull();
    expect(delivery.snapshot().attempts).toHaveLength(8);
    expect(delivery.isDue(plus(now, 24 * 60 * MINUTE))).toBe(false);
    expect(delivery.recordFailure('again', now)).toEqual({ ok: false, error: { reason: 'not_pending', status: 'failed' } });
    expect(delivery.recordSuccess(now)).toEqual({ ok: false, error: { reason: 'not_pending', status: 'failed' } });
  });

  it('follows a configured number of attempts', () => {
    const delivery = Delivery.create(input(), created, { firstDelayMs: 1_000, maxDelayMs: 4_000, maxAttempts: 2 });
    expect(expectOk(delivery.recordFailure('one', created))).toMatchObject({ nextAttemptAt: plus(created, 1_000) });
    expect(expectOk(delivery.recordFailure('two', created)).type).toBe('delivery.failed');
  });

  it('fails at once with a single-attempt policy', () => {
    const delivery = Delivery.create(input(), created, { firstDelayMs: 1, maxDelayMs: 1, maxAttempts: 1 });
    expect(expectOk(delivery.recordFailure('bounced', created)).type).toBe('delivery.failed');
  });

  it('keeps an error readable: trimmed, a placeholder for none, long ones cut', () => {
    const delivery = fresh();
    expect(expectOk(delivery.recordFailure('  timeout \n', created)).error).toBe('timeout');
    expect(expectOk(delivery.recordFailure('   ', created)).error).toBe('unknown error');
    const long = expectOk(delivery.recordFailure('x'.repeat(5_000), created)).error;
    expect(long).toHaveLength(1_000);
    expect(long.endsWith('…')).toBe(true);
  });

  it('throws on an invalid attempt time', () => {
    expect(() => fresh().recordFailure('x', new Date('nonsense'))).toThrow(InvalidDeliveryError);
    expect(() => fresh().recordSuccess(new Date('nonsense'))).toThrow(InvalidDeliveryError);
    expect(() => fresh().isDue(new Date('nonsense'))).toThrow(InvalidDeliveryError);
  });
});

describe('Delivery.restore', () => {
  it('round-trips through its snapshot and goes on where it stopped', () => {
    const original = fresh();
    expectOk(original.recordFailure('421', created));
    const restored = Delivery.restore(original.snapshot());
    expect(restored.snapshot()).toEqual(original.snapshot());
    expect(expectOk(restored.recordFailure('421', plus(created, 30 * SECOND)))).toMatchObject({
      attempt: 2,
      nextAttemptAt: plus(created, 90 * SECOND),
    });
  });

  it('settles a pending delivery on its next failure when a lower maxAttempts was deployed', () => {
    const original = fresh();
    for (let i = 0; i < 3; i += 1) expectOk(original.recordFailure('421', created));
    const restored = Delivery.restore(original.snapshot(), { firstDelayMs: 1, maxDelayMs: 1, maxAttempts: 2 });
    expect(expectOk(restored.recordFailure('421', created)).type).toBe('delivery.failed');
  });

  const pending = (): DeliveryState => ({
    ...input(),
    status: 'pending',
    createdAt: new Date(created.getTime()),
    attempts: [],
    nextAttemptAt: new Date(created.getTime()),
  });
  it.each<[string, Partial<DeliveryState>]>([
    ['a pending delivery without a next attempt time', { nextAttemptAt: null }],
    ['a pending delivery whose last attempt succeeded', { attempts: [{ at: created, outcome: 'sent' }] }],
    ['a sent delivery without a successful attempt', { status: 'sent', nextAttemptAt: null }],
    ['a sent delivery with a next attempt', { status: 'sent', attempts: [{ at: created, outcome: 'sent' }] }],
    ['a failed delivery whose last attempt succeeded', { status: 'failed', attempts: [{ at: created, outcome: 'sent' }], nextAttemptAt: null }],
    ['a failed delivery with a next attempt', { status: 'failed', attempts: [{ at: created, outcome: 'failed', error: 'x' }] }],
    [
      'a success followed by more attempts',
      {
        attempts: [
          { at: created, outcome: 'sent' },
          { at: created, outcome: 'failed', error: 'x' },
        ],
      },
    ],
    ['an unknown status', { status: 'bounced' as DeliveryState['status'] }],
    ['an invalid attempt time', { attempts: [{ at: new Date('nonsense'), outcome: 'failed', error: 'x' }] }],
  ])('throws on %s', (_, override) => {
    expect(() => Delivery.restore({ ...pending(), ...override })).toThrow(InvalidDeliveryError);
  });

  it('keeps its own copies of the dates it is given and hands out', () => {
    const state = pending();
    const delivery = Delivery.restore(state);
    state.createdAt.setUTCFullYear(2030);
    delivery.snapshot().createdAt.setUTCFullYear(2031);
    delivery.nextAttemptAt?.setUTCFullYear(2032);
    expect(delivery.snapshot().createdAt).toEqual(created);
    expect(delivery.nextAttemptAt).toEqual(created);
  });
});
