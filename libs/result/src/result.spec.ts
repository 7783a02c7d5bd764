import { err, ok, type Result } from './result';

describe('Result', () => {
  it('ok carries the value and narrows on ok', () => {
    const result: Result<number, string> = ok(42);
    expect(result).toEqual({ ok: true, value: 42 });
    if (!result.ok) throw new Error('expected ok');
    expect(result.value + 1).toBe(43);
  });

  it('err carries the error and narrows on !ok', () => {
    const result: Result<number, { code: string }> = err({ code: 'nope' });
    expect(result).toEqual({ ok: false, error: { code: 'nope' } });
    if (result.ok) throw new Error('expected err');
    expect(result.error.code).toBe('nope');
  });
});
