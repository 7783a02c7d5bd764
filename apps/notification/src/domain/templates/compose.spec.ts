import { code, compose, facts, link, paragraph } from './compose';

const HOSTILE = `<script>alert("x")</script> & 'quoted'`;
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;';

describe('compose', () => {
  const content = {
    subject: 'Your order ord-1',
    blocks: [
      paragraph('Thank you.'),
      facts({ label: 'Order', value: 'ord-1' }, { label: 'Plan', value: 'cx-4' }),
      code('ssh root@192.0.2.10'),
      link('Pay now', 'https://pay.example.com/c/1?a=1&b=2'),
    ],
  };

  it('writes the text version: greeting, blocks, sign-off, separated by blank lines', () => {
    expect(compose('en', content).text).toBe(
      [
        'Dear customer,',
        '',
        'Thank you.',
        '',
        'Order: ord-1',
        'Plan: cx-4',
        '',
        '    ssh root@192.0.2.10',
        '',
        'Pay now: https://pay.example.com/c/1?a=1&b=2',
        '',
        'Kind regards,',
        'The server rental team',
        '',
      ].join('\n'),
    );
  });

  it('writes the HTML version of the same blocks, in a document of the right language', () => {
    const { html, subject } = compose('nl', content);
    expect(subject).toBe('Your order ord-1');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="nl">\n/);
    expect(html).toContain('<title>Your order ord-1</title>');
    expect(html).toContain('<p>Beste klant,</p>');
    expect(html).toContain('<p>Thank you.</p>');
    expect(html).toContain('<tr><th align="left" scope="row">Order</th><td>ord-1</td></tr>');
    expect(html).toContain('<pre><code>ssh root@192.0.2.10</code></pre>');
    expect(html).toContain('<p><a href="https://pay.example.com/c/1?a=1&amp;b=2">Pay now</a></p>');
    expect(html).toContain('<p>Met vriendelijke groet,<br>Het serververhuurteam</p>');
    expect(html.endsWith('</html>\n')).toBe(true);
  });

  it('signs off in Dutch in the Dutch text', () => {
    expect(compose('nl', content).text).toMatch(/^Beste klant,\n[\s\S]*\nMet vriendelijke groet,\nHet serververhuurteam\n$/);
  });

  it('escapes every value in the HTML and leaves the text version literal', () => {
    const rendered = compose('en', {
      subject: `Order ${HOSTILE}`,
      blocks: [paragraph(HOSTILE), facts({ label: HOSTILE, value: HOSTILE }), code(HOSTILE), link(HOSTILE, `https://x.example/"><script>`)],
    });
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html.split(ESCAPED)).toHaveLength(7); // title, paragraph, label, value, code, link label
    expect(rendered.html).toContain('href="https://x.example/&quot;&gt;&lt;script&gt;"');
    expect(rendered.text).toContain(`\n${HOSTILE}\n`);
    expect(rendered.subject).toBe(`Order ${HOSTILE}`);
  });

  it.each(['', '   ', 'Order\r\nBcc: everyone@example.com', 'tab\there'])('refuses the subject %p, a bug upstream', (subject) => {
    expect(() => compose('en', { subject, blocks: [] })).toThrow(RangeError);
  });

  it('accepts an http link to the local sandbox', () => {
    const rendered = compose('en', { subject: 'Pay', blocks: [link('Pay', 'http://127.0.0.1:3000/sandbox-payments/1')] });
    expect(rendered.text).toContain('Pay: http://127.0.0.1:3000/sandbox-payments/1');
  });

  it.each(['javascript:alert(1)', 'http://pay.example.com', ' https://pay.example.com', 'http://localhost@evil.example/'])('refuses a link to %p', (url) => {
    expect(() => compose('en', { subject: 'Pay', blocks: [link('Pay', url)] })).toThrow('https');
  });
});
