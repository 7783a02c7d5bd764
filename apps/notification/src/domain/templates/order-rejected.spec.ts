import type { RenderedMessage } from './compose';
import { orderRejected } from './order-rejected';

const ORDER = '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11';
const DETAIL = 'no active host in ams1 has 4 vCPU, 8192 MB and 160 GB free for 2 machines';

function rendered(result: ReturnType<typeof orderRejected.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('order-rejected', () => {
  it('tells the English customer there is no capacity, why, and that nothing is charged', () => {
    const mail = rendered(orderRejected.render('en', { orderId: ORDER, detail: DETAIL }));
    expect(mail.subject).toBe(`We cannot deliver your order ${ORDER}: no capacity available`);
    expect(mail.text).toContain('there is not enough free server capacity in the location you chose');
    expect(mail.text).toContain([`Order: ${ORDER}`, `Details: ${DETAIL}`].join('\n'));
    expect(mail.text).toContain('Nothing was reserved or invoiced for this order, and you will not be charged.');
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(orderRejected.render('nl', { orderId: ORDER, detail: DETAIL }));
    expect(mail.subject).toBe(`Wij kunnen uw bestelling ${ORDER} niet leveren: geen capaciteit beschikbaar`);
    expect(mail.text).toContain('niet genoeg vrije servercapaciteit');
    expect(mail.text).toContain([`Bestelling: ${ORDER}`, `Toelichting: ${DETAIL}`].join('\n'));
    expect(mail.text).toContain('en u betaalt niets');
    expect(mail.html).toContain('<html lang="nl">');
  });

  it('leaves the details out when provisioning gave none', () => {
    const mail = rendered(orderRejected.render('en', { orderId: ORDER }));
    expect(mail.text).toContain(`Order: ${ORDER}\n\n`);
    expect(mail.text).not.toContain('Details');
  });

  it('escapes the detail in the HTML', () => {
    const mail = rendered(orderRejected.render('en', { orderId: ORDER, detail: `<img src=x onerror="alert('x')"> & more` }));
    expect(mail.html).toContain('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; more');
    expect(mail.html).not.toContain('<img');
  });

  it.each([
    ['a detail over two lines', { detail: 'no host\nBcc: x@example.com' }, 'detail'],
    ['no order id', { orderId: '' }, 'orderId'],
  ])('refuses %s', (_, override, path) => {
    const result = orderRejected.render('en', { orderId: ORDER, detail: DETAIL, ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
