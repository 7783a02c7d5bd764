import { loopLiveness, NotifiedLoop, type NotifiedLoopOptions } from '@rental/persistence';
import { DataSource } from 'typeorm';
import { AdjustableClock } from '../support/adjustable-clock';
import { createTestDatabase, dropTestDatabase, eventuallyExpect, uniqueId } from '../support/isolation';

/** The shared due-work loop on its own, against real PostgreSQL NOTIFY; the poll is too slow to help any test here. */
describe('NotifiedLoop', () => {
  const channel = 'loop_test';
  const NO_POLL = 600_000;
  let databaseUrl: string;
  let dataSource: DataSource;
  const loops: NotifiedLoop[] = [];

  const startLoop = async (options: Omit<NotifiedLoopOptions, 'dataSource' | 'channel' | 'pollIntervalMs' | 'name'>): Promise<NotifiedLoop> => {
    const loop = new NotifiedLoop({ name: 'LoopTest', dataSource, channel, pollIntervalMs: NO_POLL, ...options });
    loops.push(loop);
    await loop.start();
    return loop;
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(`loop_${uniqueId()}`);
    dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  });

  afterEach(async () => {
    await Promise.all(loops.splice(0).map((loop) => loop.stop()));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (databaseUrl) await dropTestDatabase(databaseUrl);
  });

  it('runs a pass at start and another when the channel is notified', async () => {
    let passes = 0;
    await startLoop({ pass: async () => (passes++, 'done') });
    await eventuallyExpect(async () => expect(passes).toBe(1));
    await dataSource.query(`SELECT pg_notify($1, '')`, [channel]);
    await eventuallyExpect(async () => expect(passes).toBe(2));
  });

  it('drains due items in lanes, at most `limit` a pass, each item once', async () => {
    const queue = Array.from({ length: 7 }, (_, n) => n);
    const taken: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    let passes = 0;
    // Built before it starts: its first pass runs inside start() and needs `loop` already.
    const loop: NotifiedLoop = new NotifiedLoop({
      name: 'LoopTest',
      dataSource,
      channel,
      pollIntervalMs: NO_POLL,
      pass: () => {
        passes += 1;
        return loop.drain(
          async () => {
            const item = queue.shift();
            if (item === undefined) return false;
            inFlight += 1;
            mostInFlight = Math.max(mostInFlight, inFlight);
            await new Promise((resolve) => setTimeout(resolve, 5));
            inFlight -= 1;
            taken.push(item);
            return true;
          },
          { lanes: 2, limit: 3 },
        );
      },
    });
    loops.push(loop);
    await loop.start();
    await eventuallyExpect(async () => expect([...taken].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]));
    expect(mostInFlight).toBe(2);
    // 3 + 3 + 1: a full batch asks for another pass at once, without a notification.
    expect(passes).toBe(3);
  });

  it('keeps going after a pass fails, trying again after the backoff', async () => {
    let calls = 0;
    await startLoop({
      pass: async () => {
        calls += 1;
        if (calls <= 2) throw new Error('connection terminated');
        return 'done';
      },
      retry: { initialMs: 20, maxMs: 100, jitter: 0 },
    });
    await eventuallyExpect(async () => expect(calls).toBe(3));
  });

  it('wakes itself when the next scheduled work falls due', async () => {
    let passes = 0;
    const due = new Date(Date.now() + 300);
    await startLoop({
      pass: async () => (passes++, 'done'),
      nextDueAt: async () => (passes === 1 ? due : null),
    });
    await eventuallyExpect(async () => expect(passes).toBe(2));
    expect(Date.now()).toBeGreaterThanOrEqual(due.getTime() - 5);
  });

  it('wakes at a time it is given, and not after it stopped', async () => {
    let passes = 0;
    const loop = await startLoop({ pass: async () => (passes++, 'done') });
    await eventuallyExpect(async () => expect(passes).toBe(1));
    loop.wakeAt(new Date(Date.now() + 50));
    await eventuallyExpect(async () => expect(passes).toBe(2));
    await loop.stop();
    loop.wake();
    await dataSource.query(`SELECT pg_notify($1, '')`, [channel]);
    // The fence: a second loop on the channel sees the notification, so the stopped one had its chance.
    let seen = 0;
    const fence = await startLoop({ pass: async () => (seen++, 'done') });
    await eventuallyExpect(async () => expect(seen).toBe(1));
    await dataSource.query(`SELECT pg_notify($1, '')`, [channel]);
    await eventuallyExpect(async () => expect(seen).toBe(2));
    expect(passes).toBe(2);
    expect(fence.isStopped).toBe(false);
  });

  it('lets the pass in progress finish when it stops', async () => {
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const loop = await startLoop({
      pass: async () => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 100));
        finished = true;
        return 'done';
      },
    });
    await running;
    await loop.stop();
    expect(finished).toBe(true);
  });

  it('reports its liveness to the probes: its last pass, a failure backoff, a stuck pass, and nothing once stopped', async () => {
    const clock = new AdjustableClock(new Date('2031-03-04T05:06:07Z'));
    let outcome: 'fail' | 'block' | 'done' = 'done';
    let release: () => void = () => undefined;
    const pass = async (): Promise<'done'> => {
      if (outcome === 'fail') throw new Error('the database went away');
      if (outcome === 'block') await new Promise<void>((resolve) => (release = resolve));
      return 'done';
    };
    const loop = await startLoop({ clock, retry: { initialMs: 60_000, maxMs: 60_000, jitter: 0 }, stuckAfterMs: 300, pass });
    await eventuallyExpect(async () =>
      expect(loopLiveness(dataSource)).toEqual([expect.objectContaining({ name: 'LoopTest', state: 'idle', consecutiveFailures: 0 })]),
    );
    const firstPass = loop.liveness().lastPassAt!;
    expect(firstPass.getTime()).toBeGreaterThanOrEqual(new Date('2031-03-04T05:06:07Z').getTime());

    outcome = 'fail';
    loop.wake();
    await eventuallyExpect(async () =>
      expect(loop.liveness()).toMatchObject({ state: 'backing-off', consecutiveFailures: 1, lastPassAt: firstPass, stuck: false }),
    );

    // A pass that never returns: passing at first, stuck once it has run longer than stuckAfterMs.
    const blocked = new NotifiedLoop({ name: 'Blocked', dataSource, channel, pollIntervalMs: NO_POLL, stuckAfterMs: 300, pass });
    outcome = 'block';
    loops.push(blocked);
    await blocked.start();
    expect(blocked.liveness()).toMatchObject({ state: 'passing', stuck: false, lastPassAt: null });
    await eventuallyExpect(async () => expect(blocked.liveness()).toMatchObject({ state: 'passing', stuck: true }));
    expect(loopLiveness(dataSource).map((l) => l.name)).toEqual(['LoopTest', 'Blocked']);
    release();
    await eventuallyExpect(async () => expect(blocked.liveness()).toMatchObject({ state: 'idle', stuck: false }));

    await Promise.all(loops.splice(0).map((l) => l.stop()));
    expect(loopLiveness(dataSource)).toEqual([]);
  });

  it('does not call a long drain stuck while it keeps taking items', async () => {
    let left = 6;
    const seen: boolean[] = [];
    let passStarted = 0;
    let passEnded = 0;
    const loop: NotifiedLoop = new NotifiedLoop({
      name: 'LongDrain',
      dataSource,
      channel,
      pollIntervalMs: NO_POLL,
      stuckAfterMs: 300,
      pass: async () => {
        passStarted = Date.now();
        const outcome = await loop.drain(async () => {
          if (left === 0) return false;
          left -= 1;
          seen.push(loop.liveness().stuck);
          await new Promise((resolve) => setTimeout(resolve, 150));
          return true;
        });
        passEnded = Date.now();
        return outcome;
      },
    });
    loops.push(loop);
    await loop.start();
    await eventuallyExpect(async () => expect(passEnded).toBeGreaterThan(0));
    // The pass as a whole ran well past stuckAfterMs, and no look during it found it stuck.
    expect(passEnded - passStarted).toBeGreaterThan(600);
    expect(seen).toEqual([false, false, false, false, false, false]);
  });
});
