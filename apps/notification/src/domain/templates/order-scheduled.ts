import { z } from 'zod';
import { formatDate, formatDateTime } from '../formatting';
import type { Language } from '../language';
import { compose, facts, paragraph, type RenderedMessage } from './compose';
import { instant, singleLine } from './input-schemas';
import { defineTemplate } from './template';

export const orderScheduledInput = z
  .object({
    orderId: singleLine,
    provisioningStartsAt: instant,
    readyBy: instant,
  })
  .refine((input) => input.readyBy.getTime() >= input.provisioningStartsAt.getTime(), {
    message: 'must not be before provisioning starts',
    path: ['readyBy'],
  });

export type OrderScheduledInput = z.output<typeof orderScheduledInput>;

const WORDS = {
  en: {
    subject: (orderId: string, day: string) => `Your servers for order ${orderId} will be ready on ${day}`,
    intro: (startsAt: string, readyBy: string) =>
      `Your rental is paid. We start preparing your servers at ${startsAt}, so that they run when your rental begins, by ${readyBy}.`,
    next: 'As soon as each server runs, we send you its address and how to log in.',
    order: 'Order',
    readyBy: 'Ready by',
  },
  nl: {
    subject: (orderId: string, day: string) => `Uw servers voor bestelling ${orderId} staan klaar op ${day}`,
    intro: (startsAt: string, readyBy: string) =>
      `Uw huur is betaald. Wij beginnen om ${startsAt} met het klaarzetten van uw servers, zodat ze draaien wanneer uw huur begint, uiterlijk ${readyBy}.`,
    next: 'Zodra een server draait, sturen wij u het adres en hoe u inlogt.',
    order: 'Bestelling',
    readyBy: 'Klaar op',
  },
} as const;

function render(language: Language, input: OrderScheduledInput): RenderedMessage {
  const words = WORDS[language];
  const readyBy = formatDateTime(input.readyBy, language);
  return compose(language, {
    subject: words.subject(input.orderId, formatDate(input.readyBy, language)),
    blocks: [
      paragraph(words.intro(formatDateTime(input.provisioningStartsAt, language), readyBy)),
      facts({ label: words.order, value: input.orderId }, { label: words.readyBy, value: readyBy }),
      paragraph(words.next),
    ],
  });
}

/** Sent when a rental is paid before its start: when its servers will be ready, since they are not built at once. */
export const orderScheduled = defineTemplate('order-scheduled', orderScheduledInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
