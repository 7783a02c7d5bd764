import { z } from 'zod';
import { formatDateTime } from '../formatting';
import type { Language } from '../language';
import { compose, facts, paragraph, type RenderedMessage } from './compose';
import { instant, singleLine } from './input-schemas';
import { defineTemplate } from './template';

export const rentalEndedInput = z.object({
  orderId: singleLine,
  endedAt: instant,
});

export type RentalEndedInput = z.output<typeof rentalEndedInput>;

const WORDS = {
  en: {
    subject: (orderId: string) => `Your rental ${orderId} has ended`,
    intro: 'Your rental period is over.',
    order: 'Order',
    endedAt: 'Ended',
    wiped: 'Your servers are being stopped and their disks wiped; nothing on them can be recovered afterwards. Their IP addresses go back to our pool.',
    thanks: 'Thank you for renting with us. You are welcome to ask for a new quote whenever you need servers again.',
  },
  nl: {
    subject: (orderId: string) => `Uw huur ${orderId} is afgelopen`,
    intro: 'Uw huurperiode is voorbij.',
    order: 'Bestelling',
    endedAt: 'Afgelopen',
    wiped: 'Uw servers worden gestopt en hun schijven gewist; daarna is niets van de gegevens meer terug te halen. Hun IP-adressen gaan terug naar onze pool.',
    thanks: 'Hartelijk dank dat u bij ons huurde. U kunt gerust een nieuwe offerte aanvragen wanneer u weer servers nodig hebt.',
  },
} as const;

function render(language: Language, input: RentalEndedInput): RenderedMessage {
  const words = WORDS[language];
  return compose(language, {
    subject: words.subject(input.orderId),
    blocks: [
      paragraph(words.intro),
      facts({ label: words.order, value: input.orderId }, { label: words.endedAt, value: formatDateTime(input.endedAt, language) }),
      paragraph(words.wiped),
      paragraph(words.thanks),
    ],
  });
}

/** Sent when a rental reaches its end: it is over, and its servers are stopped and wiped. */
export const rentalEnded = defineTemplate('rental-ended', rentalEndedInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
