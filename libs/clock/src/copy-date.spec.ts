import { copyDate } from './copy-date';

describe('copyDate', () => {
  it('gives the same instant in a Date of its own', () => {
    const original = new Date('2026-03-01T10:00:00.000Z');
    const copy = copyDate(original);
    expect(copy.toISOString()).toBe('2026-03-01T10:00:00.000Z');
    copy.setUTCHours(12);
    expect(original.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });
});
