import { z } from 'zod';
import { formatMoney } from '../formatting';
import type { Language } from '../language';
import { compose, facts, paragraph, type RenderedMessage } from './compose';
import { moneyInput, singleLine } from './input-schemas';
import { describeSettlementReason, settlementReason } from './settlement-reasons';
import { defineTemplate } from './template';

export const creditNoteIssuedInput = z.object({
  creditNoteNumber: singleLine,
  invoiceNumber: singleLine,
  reason: settlementReason,
  net: moneyInput,
  vat: moneyInput,
  gross: moneyInput,
  /** The credit note covers what was left of the invoice: it is cancelled and nothing is owed on it. */
  invoiceCancelled: z.boolean(),
});

export type CreditNoteIssuedInput = z.output<typeof creditNoteIssuedInput>;

const WORDS = {
  en: {
    subject: (creditNote: string, invoice: string) => `Credit note ${creditNote} for invoice ${invoice}`,
    intro: (amount: string, invoice: string) => `We have credited ${amount} of invoice ${invoice}.`,
    creditNote: 'Credit note',
    invoice: 'Invoice',
    reason: 'Reason',
    net: 'Credited (excl. VAT)',
    vat: 'VAT',
    gross: 'Total credited',
    cancelled: 'The invoice is now cancelled: nothing is owed on it.',
    partial: 'The rest of the invoice stands.',
    refund: 'Where you had already paid, the refund is confirmed in a separate email.',
  },
  nl: {
    subject: (creditNote: string, invoice: string) => `Creditnota ${creditNote} voor factuur ${invoice}`,
    intro: (amount: string, invoice: string) => `Wij hebben ${amount} van factuur ${invoice} gecrediteerd.`,
    creditNote: 'Creditnota',
    invoice: 'Factuur',
    reason: 'Reden',
    net: 'Gecrediteerd (excl. btw)',
    vat: 'Btw',
    gross: 'Totaal gecrediteerd',
    cancelled: 'De factuur is hiermee geannuleerd: u bent er niets meer op verschuldigd.',
    partial: 'De rest van de factuur blijft staan.',
    refund: 'Als u al had betaald, bevestigen wij de terugbetaling in een aparte e-mail.',
  },
} as const;

function render(language: Language, input: CreditNoteIssuedInput): RenderedMessage {
  const words = WORDS[language];
  const gross = formatMoney(input.gross, language);
  return compose(language, {
    subject: words.subject(input.creditNoteNumber, input.invoiceNumber),
    blocks: [
      paragraph(words.intro(gross, input.invoiceNumber)),
      facts(
        { label: words.creditNote, value: input.creditNoteNumber },
        { label: words.invoice, value: input.invoiceNumber },
        { label: words.reason, value: describeSettlementReason(input.reason, language) },
        { label: words.net, value: formatMoney(input.net, language) },
        { label: words.vat, value: formatMoney(input.vat, language) },
        { label: words.gross, value: gross },
      ),
      paragraph(input.invoiceCancelled ? words.cancelled : words.partial),
      paragraph(words.refund),
    ],
  });
}

/** Sent for every credit note: its number, the invoice it credits, how much and why. */
export const creditNoteIssued = defineTemplate('credit-note-issued', creditNoteIssuedInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
