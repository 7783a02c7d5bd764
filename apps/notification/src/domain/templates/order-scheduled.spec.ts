import type { RenderedMessage } from './compose';
import { orderScheduled } from './order-scheduled';

const ORDER = '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11';
const input = () => ({ orderId: ORDER, provisioningStartsAt: '2027-01-04T08:30:00Z', readyBy: '2027-01-04T09:00:00Z' });

function rendered(result: ReturnType<typeof orderScheduled.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('order-scheduled', () => {
  it('tells the English customer when the servers will be ready', () => {
    const mail = rendered(orderScheduled.render('en', input()));
    expect(mail.subject).toBe(`Your servers for order ${ORDER} will be ready on 4 January 2027`);
    expect(mail.text).toContain('We start preparing your servers at 4 January 2027 at 08:30 UTC');
    expect(mail.text).toContain([`Order: ${ORDER}`, 'Ready by: 4 January 2027 at 09:00 UTC'].join('\n'));
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(orderScheduled.render('nl', input()));
    expect(mail.subject).toBe(`Uw servers voor bestelling ${ORDER} staan klaar op 4 januari 2027`);
    expect(mail.text).toContain([`Bestelling: ${ORDER}`, 'Klaar op: 4 januari 2027 om 09:00 UTC'].join('\n'));
  });

  it('refuses a ready time before provisioning starts', () => {
    const result = orderScheduled.render('en', { ...input(), readyBy: '2027-01-04T08:00:00Z' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual(['readyBy']);
  });
});
