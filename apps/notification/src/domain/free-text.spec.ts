import { MAX_LINE_LENGTH, toOneLine } from './free-text';
import { singleLine } from './templates/input-schemas';

describe('toOneLine', () => {
  it('keeps a short line as it is, trimmed', () => {
    expect(toOneLine('  card declined: insufficient funds ')).toBe('card declined: insufficient funds');
  });

  it('joins lines and drops control characters', () => {
    expect(toOneLine('boot failed\r\n\tafter 3 attempts\u0000 on host 7')).toBe('boot failed after 3 attempts on host 7');
  });

  it.each(['', '   ', '\n\t\r'])('has nothing to say for %p', (text) => {
    expect(toOneLine(text)).toBeUndefined();
  });

  it('cuts an overlong text with an ellipsis to a line the templates take', () => {
    const line = toOneLine('disk image checksum mismatch '.repeat(20))!;
    expect(line).toBe(`${'disk image checksum mismatch '.repeat(6)}disk image checksum misma…`);
    expect(line).toHaveLength(MAX_LINE_LENGTH);
    expect(singleLine.safeParse(line).success).toBe(true);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const line = toOneLine('🖥'.repeat(150), 11)!;
    expect(line).toBe(`${'🖥'.repeat(5)}…`);
  });

  it('keeps a text of exactly the maximum length whole', () => {
    const text = 'x'.repeat(MAX_LINE_LENGTH);
    expect(toOneLine(text)).toBe(text);
  });
});
