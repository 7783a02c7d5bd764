import { z } from 'zod';
import { formatDate, formatDateTime } from '../formatting';
import type { Language } from '../language';
import { compose, facts, paragraph, type RenderedMessage } from './compose';
import { instant, singleLine } from './input-schemas';
import { defineTemplate } from './template';

export const rentalExtendedInput = z
  .object({
    orderId: singleLine,
    invoiceNumber: singleLine,
    previousEnd: instant,
    newEnd: instant,
  })
  .refine((input) => input.newEnd.getTime() > input.previousEnd.getTime(), { message: 'must be after the previous end', path: ['newEnd'] });

export type RentalExtendedInput = z.output<typeof rentalExtendedInput>;

const WORDS = {
  en: {
    subject: (orderId: string, end: string) => `Your rental ${orderId} is extended until ${end}`,
    intro: (invoice: string) => `Thank you for paying invoice ${invoice}: your rental is extended and your servers keep running.`,
    order: 'Order',
    previousEnd: 'Previous end',
    newEnd: 'New end',
  },
  nl: {
    subject: (orderId: string, end: string) => `Uw huur ${orderId} is verlengd tot ${end}`,
    intro: (invoice: string) => `Hartelijk dank voor het betalen van factuur ${invoice}: uw huur is verlengd en uw servers blijven draaien.`,
    order: 'Bestelling',
    previousEnd: 'Vorige einddatum',
    newEnd: 'Nieuwe einddatum',
  },
} as const;

function render(language: Language, input: RentalExtendedInput): RenderedMessage {
  const words = WORDS[language];
  return compose(language, {
    subject: words.subject(input.orderId, formatDate(input.newEnd, language)),
    blocks: [
      paragraph(words.intro(input.invoiceNumber)),
      facts(
        { label: words.order, value: input.orderId },
        { label: words.previousEnd, value: formatDateTime(input.previousEnd, language) },
        { label: words.newEnd, value: formatDateTime(input.newEnd, language) },
      ),
    ],
  });
}

/** Sent when an extension's invoice is paid and the rental's end moves: the new end. */
export const rentalExtended = defineTemplate('rental-extended', rentalExtendedInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
