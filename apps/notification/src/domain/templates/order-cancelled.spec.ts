import type { RenderedMessage } from './compose';
import { orderCancelled } from './order-cancelled';

const ORDER = '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11';
const AT = '2026-12-10T14:00:01Z';
const base = { orderId: ORDER, cancelledAt: AT };
const beforeRunning = { ...base, reason: 'customer_cancelled', settlement: 'full', wasRunning: false } as const;
const whileRunning = { ...base, reason: 'customer_cancelled', settlement: 'unused_days', wasRunning: true } as const;
const windowClosed = { ...base, reason: 'payment_window_closed', settlement: 'full', wasRunning: false } as const;
const failed = { ...base, reason: 'provisioning_failed', settlement: 'full', wasRunning: false, detail: 'boot failed on every host after 3 attempts' } as const;

function rendered(result: ReturnType<typeof orderCancelled.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('order-cancelled', () => {
  describe('the customer cancelled before the servers ran', () => {
    it('confirms it in English: nothing is charged, everything credited and refunded', () => {
      const mail = rendered(orderCancelled.render('en', beforeRunning));
      expect(mail.subject).toBe(`Your order ${ORDER} is cancelled`);
      expect(mail.text).toContain('As you asked, we have cancelled your order.');
      expect(mail.text).toContain([`Order: ${ORDER}`, 'Cancelled: 10 December 2026 at 14:00 UTC'].join('\n'));
      expect(mail.text).toContain(
        'You pay nothing for this order: every invoice of it is cancelled with a credit note, and every payment is refunded in full.',
      );
      expect(mail.text).toContain('The credit note and any refund follow in separate emails.');
      expect(mail.text).not.toContain('wiped');
    });

    it('confirms it in Dutch', () => {
      const mail = rendered(orderCancelled.render('nl', beforeRunning));
      expect(mail.subject).toBe(`Uw bestelling ${ORDER} is geannuleerd`);
      expect(mail.text).toContain('Zoals u hebt gevraagd, hebben wij uw bestelling geannuleerd.');
      expect(mail.text).toContain([`Bestelling: ${ORDER}`, 'Geannuleerd: 10 december 2026 om 14:00 UTC'].join('\n'));
      expect(mail.text).toContain('U betaalt niets voor deze bestelling');
      expect(mail.text).not.toContain('gewist');
    });
  });

  describe('the customer cancelled while the servers ran', () => {
    it('says in English that the servers are wiped and the unused whole days refunded', () => {
      const mail = rendered(orderCancelled.render('en', whileRunning));
      expect(mail.subject).toBe(`Your order ${ORDER} is cancelled`);
      expect(mail.text).toContain('Your servers are being stopped and their disks wiped; nothing on them can be recovered afterwards.');
      expect(mail.text).toContain('We refund the whole days you have not used, pro rata (the day in progress counts as used)');
      expect(mail.text).not.toContain('You pay nothing');
    });

    it('says it in Dutch', () => {
      const mail = rendered(orderCancelled.render('nl', whileRunning));
      expect(mail.text).toContain('Uw servers worden gestopt en hun schijven gewist');
      expect(mail.text).toContain('Wij betalen de hele dagen die u niet hebt gebruikt naar rato terug (de lopende dag telt als gebruikt)');
    });
  });

  describe('the payment window closed', () => {
    it('says in English why, that the invoice is cancelled with a credit note, and that a late payment comes back', () => {
      const mail = rendered(orderCancelled.render('en', windowClosed));
      expect(mail.subject).toBe(`Your order ${ORDER} is cancelled: no payment received`);
      expect(mail.text).toContain('We did not receive the payment for your order before the invoice was due');
      expect(mail.text).toContain('The unpaid invoice is cancelled with a credit note.');
      expect(mail.text).toContain('a payment that still arrives is refunded to you automatically');
      expect(mail.text).toContain('ask for a new quote');
    });

    it('says it in Dutch', () => {
      const mail = rendered(orderCancelled.render('nl', windowClosed));
      expect(mail.subject).toBe(`Uw bestelling ${ORDER} is geannuleerd: geen betaling ontvangen`);
      expect(mail.text).toContain('De onbetaalde factuur wordt met een creditnota geannuleerd.');
      expect(mail.text).toContain('een betaling die nog binnenkomt, betalen wij automatisch aan u terug');
    });
  });

  describe('provisioning failed', () => {
    it('apologises in English, with the reason, and refunds in full', () => {
      const mail = rendered(orderCancelled.render('en', failed));
      expect(mail.subject).toBe(`Our apologies: we could not deliver your order ${ORDER}`);
      expect(mail.text).toContain('We are very sorry: we could not set up the servers of your order');
      expect(mail.text).toContain('Reason: boot failed on every host after 3 attempts');
      expect(mail.text).toContain('every payment is refunded in full');
      expect(mail.text).toContain('Any server of this order that had already been set up is stopped and its disk wiped.');
      expect(mail.text).toContain('Please accept our apologies');
    });

    it('apologises in Dutch', () => {
      const mail = rendered(orderCancelled.render('nl', failed));
      expect(mail.subject).toBe(`Onze excuses: wij konden uw bestelling ${ORDER} niet leveren`);
      expect(mail.text).toContain('Het spijt ons zeer');
      expect(mail.text).toContain('Reden: boot failed on every host after 3 attempts');
      expect(mail.text).toContain('elke betaling volledig terugbetaald');
      expect(mail.text).toContain('Onze excuses voor het ongemak.');
    });

    it('apologises without a reason line when none was given', () => {
      const { detail: _, ...withoutDetail } = failed;
      const mail = rendered(orderCancelled.render('en', withoutDetail));
      expect(mail.text).not.toContain('Reason:');
      expect(mail.text).toContain('Please accept our apologies');
    });

    it('escapes the reason in the HTML', () => {
      const mail = rendered(orderCancelled.render('en', { ...failed, detail: `<b>host "7"</b> & 'x'` }));
      expect(mail.html).toContain('&lt;b&gt;host &quot;7&quot;&lt;/b&gt; &amp; &#39;x&#39;');
      expect(mail.html).not.toContain('<b>');
    });
  });

  it('quotes no reason for the other causes: their detail is not part of their input', () => {
    const result = orderCancelled.render('en', { ...beforeRunning, detail: 'cancelled by the customer: internal note' });
    expect(rendered(result).text).not.toContain('internal note');
  });

  it.each([
    ['an unknown reason', { ...beforeRunning, reason: 'bored' }, 'reason'],
    ['an unknown settlement', { ...beforeRunning, settlement: 'half' }, 'settlement'],
    ['a reason over two lines', { ...failed, detail: 'a\nb' }, 'detail'],
    ['an invalid moment', { ...windowClosed, cancelledAt: 'yesterday' }, 'cancelledAt'],
  ])('refuses %s', (_, input, path) => {
    const result = orderCancelled.render('en', input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
