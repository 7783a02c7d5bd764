import { escapeHtml } from './html-escape';

describe('escapeHtml', () => {
  it('defuses a script tag', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes both kinds of quote, so a value cannot leave an attribute', () => {
    expect(escapeHtml(`" onmouseover="x`)).toBe('&quot; onmouseover=&quot;x');
    expect(escapeHtml(`' onload='x`)).toBe('&#39; onload=&#39;x');
  });

  it('escapes ampersands first, once, so existing entities stay visible as text', () => {
    expect(escapeHtml('Tom & Jerry')).toBe('Tom &amp; Jerry');
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
    expect(escapeHtml('?a=1&b=2')).toBe('?a=1&amp;b=2');
  });

  it('leaves ordinary text, including non-ASCII, alone', () => {
    expect(escapeHtml('€ 1.234,50 — Zoë')).toBe('€ 1.234,50 — Zoë');
    expect(escapeHtml('')).toBe('');
  });
});
