import { z } from 'zod';
import { formatDateTime } from '../formatting';
import type { Language } from '../language';
import { code, compose, facts, paragraph, type RenderedMessage } from './compose';
import { instant, singleLine } from './input-schemas';
import { defineTemplate } from './template';

export const rentalEndingSoonInput = z.object({
  orderId: singleLine,
  endsAt: instant,
  daysLeft: z.int().positive(),
});

export type RentalEndingSoonInput = z.output<typeof rentalEndingSoonInput>;

/** The request that extends a rental, as the gateway's API takes it (see its OpenAPI document). */
const extendRequest = (orderId: string): string => `POST /v1/orders/${orderId}/extensions`;
const EXTEND_BODY = '{"duration": "P1W"}';

const WORDS = {
  en: {
    subject: (orderId: string, days: number) => `Your rental ${orderId} ends in ${days} ${days === 1 ? 'day' : 'days'}`,
    intro: (end: string) =>
      `Your rental ends on ${end}. Your servers are then stopped and their disks wiped: please save any data you want to keep before then.`,
    order: 'Order',
    endsAt: 'Ends',
    howToExtend: 'Want to keep your servers longer? Extend the rental through our API before it ends, for example by one week:',
    bodyHelp:
      'Give the extra time as an ISO 8601 duration of months, weeks or days (P1M, P2W, P10D), or a new end as {"end": "<date and time>"}. You receive an invoice for the extra time; once it is paid before the rental ends, the end date moves.',
  },
  nl: {
    subject: (orderId: string, days: number) => `Uw huur ${orderId} eindigt over ${days} ${days === 1 ? 'dag' : 'dagen'}`,
    intro: (end: string) =>
      `Uw huur eindigt op ${end}. Uw servers worden dan gestopt en hun schijven gewist: bewaar gegevens die u wilt houden vóór dat moment.`,
    order: 'Bestelling',
    endsAt: 'Einde',
    howToExtend: 'Wilt u uw servers langer houden? Verleng de huur vóór het einde via onze API, bijvoorbeeld met een week:',
    bodyHelp:
      'Geef de extra tijd op als ISO 8601-duur in maanden, weken of dagen (P1M, P2W, P10D), of een nieuw einde als {"end": "<datum en tijd>"}. U ontvangt een factuur voor de extra tijd; zodra die vóór het einde van de huur is betaald, schuift de einddatum op.',
  },
} as const;

function render(language: Language, input: RentalEndingSoonInput): RenderedMessage {
  const words = WORDS[language];
  const end = formatDateTime(input.endsAt, language);
  return compose(language, {
    subject: words.subject(input.orderId, input.daysLeft),
    blocks: [
      paragraph(words.intro(end)),
      facts({ label: words.order, value: input.orderId }, { label: words.endsAt, value: end }),
      paragraph(words.howToExtend),
      code(extendRequest(input.orderId)),
      code(EXTEND_BODY),
      paragraph(words.bodyHelp),
    ],
  });
}

/** A reminder before a rental ends (by default 3 days and 1 day before): when, and how to extend it. */
export const rentalEndingSoon = defineTemplate('rental-ending-soon', rentalEndingSoonInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
