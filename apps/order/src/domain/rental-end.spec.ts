import { endReminders, settlementOnCancel } from './rental-end';

describe('settlementOnCancel', () => {
  it.each(['placed', 'awaiting_payment', 'paid', 'scheduled', 'provisioning'] as const)('refunds everything when cancelled in %s', (status) => {
    expect(settlementOnCancel(status)).toBe('full');
  });

  it('refunds the unused days of a running rental', () => {
    expect(settlementOnCancel('running')).toBe('unused_days');
  });
});

describe('endReminders', () => {
  const end = new Date('2026-12-31T09:00:00Z');

  it('gives one reminder per configured day count, earliest first', () => {
    expect(endReminders(end, [1, 3], new Date('2026-12-01T00:00:00Z'))).toEqual([
      { daysLeft: 3, at: new Date('2026-12-28T09:00:00Z') },
      { daysLeft: 1, at: new Date('2026-12-30T09:00:00Z') },
    ]);
  });

  it('skips reminders whose moment has passed and repeated day counts', () => {
    expect(endReminders(end, [3, 1, 1], new Date('2026-12-29T00:00:00Z'))).toEqual([{ daysLeft: 1, at: new Date('2026-12-30T09:00:00Z') }]);
    expect(endReminders(end, [3, 1], new Date('2026-12-30T09:00:00Z'))).toEqual([]);
  });
});
