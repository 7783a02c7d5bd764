import { isoTime, text } from './schemas';

describe('the shared building blocks', () => {
  it.each([
    ['the first moment of 2000', '2000-01-01T00:00:00Z', true],
    ['the last moment of 9999', '9999-12-31T23:59:59.999Z', true],
    ['an offset that stays in 9999', '9999-12-31T20:00:00-03:00', true],
    ['an offset that moves into 10000 (UTC)', '9999-12-31T23:00:00-05:00', false],
    ['an offset that moves back into 1999 (UTC)', '2000-01-01T00:30:00+01:00', false],
    ['1999', '1999-12-31T23:59:59Z', false],
    ['no offset', '2026-12-01T09:00:00', false],
    ['no time at all', 'soon', false],
  ])('isoTime: %s', (_, value, valid) => {
    expect(isoTime.safeParse(value).success).toBe(valid);
  });

  it('isoTime names the years it allows', () => {
    expect(isoTime.safeParse('9999-12-31T23:00:00-05:00').error?.issues.map((i) => i.message)).toEqual(['a time in the years 2000 to 9999 (UTC)']);
  });

  it('text is any string PostgreSQL can store: everything but NUL', () => {
    expect(text.safeParse('Stroopwafel Logistics B.V. – ünïcødé, tabs\tand\nnewlines 🚀').success).toBe(true);
    expect(text.safeParse('').success).toBe(true);
    expect(text.safeParse('a\u0000b').error?.issues.map((i) => i.message)).toEqual(['must not contain the NUL character (\\u0000)']);
    expect(text.max(3).safeParse('abcd').success).toBe(false);
  });
});
