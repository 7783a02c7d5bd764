import { z } from 'zod';
import { formatDateTime } from '../formatting';
import type { Language } from '../language';
import { compose, type Fact, facts, link, paragraph, type RenderedMessage } from './compose';
import { instant, linkUrl, singleLine } from './input-schemas';
import { defineTemplate } from './template';

export const paymentFailedInput = z.object({
  invoiceNumber: singleLine,
  /** Which attempt to pay this invoice failed: 1 for the first. */
  attempt: z.int().positive(),
  /** The provider's reason, e.g. "card declined: insufficient funds"; absent when it gave none. */
  reason: singleLine.optional(),
  /** The same checkout page as the invoice's: the customer tries again there. */
  checkoutUrl: linkUrl,
  /** The invoice's due date: until then it stays open and can be paid. */
  retryUntil: instant,
});

export type PaymentFailedInput = z.output<typeof paymentFailedInput>;

const WORDS = {
  en: {
    subject: (invoiceNumber: string) => `Your payment for invoice ${invoiceNumber} did not go through`,
    intro: 'Your payment did not go through, so the invoice is still open. No money was taken.',
    invoice: 'Invoice',
    attempt: 'Attempt',
    reason: 'Reason',
    retryUntil: 'You can try again until',
    retry: (until: string) =>
      `You can try again, with the same or another payment method, through the link below until ${until}. After that the invoice can no longer be paid.`,
    linkLabel: 'Try again',
  },
  nl: {
    subject: (invoiceNumber: string) => `Uw betaling voor factuur ${invoiceNumber} is niet gelukt`,
    intro: 'Uw betaling is niet gelukt, dus de factuur staat nog open. Er is geen geld afgeschreven.',
    invoice: 'Factuur',
    attempt: 'Poging',
    reason: 'Reden',
    retryUntil: 'Opnieuw proberen kan tot',
    retry: (until: string) =>
      `U kunt het tot ${until} opnieuw proberen, met dezelfde of een andere betaalmethode, via de onderstaande link. Daarna kan de factuur niet meer worden betaald.`,
    linkLabel: 'Opnieuw betalen',
  },
} as const;

function render(language: Language, input: PaymentFailedInput): RenderedMessage {
  const words = WORDS[language];
  const until = formatDateTime(input.retryUntil, language);
  const rows: Fact[] = [
    { label: words.invoice, value: input.invoiceNumber },
    { label: words.attempt, value: String(input.attempt) },
  ];
  if (input.reason) rows.push({ label: words.reason, value: input.reason });
  rows.push({ label: words.retryUntil, value: until });
  return compose(language, {
    subject: words.subject(input.invoiceNumber),
    blocks: [paragraph(words.intro), facts(...rows), paragraph(words.retry(until)), link(words.linkLabel, input.checkoutUrl)],
  });
}

/** Sent when an attempt to pay fails: why, and how and until when to try again. */
export const paymentFailed = defineTemplate('payment-failed', paymentFailedInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
