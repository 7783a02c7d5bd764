import { z } from 'zod';
import type { Language } from '../language';
import { compose, type Fact, facts, paragraph, type RenderedMessage } from './compose';
import { singleLine } from './input-schemas';
import { defineTemplate } from './template';

/** Only a rejection for lack of capacity reaches the customer by mail; see OrderRejectedHandler. */
export const orderRejectedInput = z.object({
  orderId: singleLine,
  /** What provisioning found, e.g. "no active host in ams1 has 4 vCPU ... free"; absent when it said nothing. */
  detail: singleLine.optional(),
});

export type OrderRejectedInput = z.output<typeof orderRejectedInput>;

const WORDS = {
  en: {
    subject: (orderId: string) => `We cannot deliver your order ${orderId}: no capacity available`,
    intro: 'We are sorry: there is not enough free server capacity in the location you chose to deliver your order, so we could not accept it.',
    order: 'Order',
    detail: 'Details',
    nothingCharged: 'Nothing was reserved or invoiced for this order, and you will not be charged.',
    next: 'You are welcome to ask for a new quote later, or for another location or plan.',
  },
  nl: {
    subject: (orderId: string) => `Wij kunnen uw bestelling ${orderId} niet leveren: geen capaciteit beschikbaar`,
    intro: 'Het spijt ons: op de locatie die u koos is niet genoeg vrije servercapaciteit om uw bestelling te leveren, dus wij konden deze niet aannemen.',
    order: 'Bestelling',
    detail: 'Toelichting',
    nothingCharged: 'Voor deze bestelling is niets gereserveerd of gefactureerd, en u betaalt niets.',
    next: 'U kunt later gerust een nieuwe offerte aanvragen, of een offerte voor een andere locatie of een ander pakket.',
  },
} as const;

function render(language: Language, input: OrderRejectedInput): RenderedMessage {
  const words = WORDS[language];
  const rows: Fact[] = [{ label: words.order, value: input.orderId }];
  if (input.detail) rows.push({ label: words.detail, value: input.detail });
  return compose(language, {
    subject: words.subject(input.orderId),
    blocks: [paragraph(words.intro), facts(...rows), paragraph(words.nothingCharged), paragraph(words.next)],
  });
}

/** Sent when an order is refused for lack of capacity: why, and that nothing is charged. */
export const orderRejected = defineTemplate('order-rejected', orderRejectedInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
