import { z } from 'zod';
import { formatDateTime, formatMoney } from '../formatting';
import type { Language } from '../language';
import { compose, facts, link, paragraph, type RenderedMessage } from './compose';
import { instant, linkUrl, moneyInput, singleLine } from './input-schemas';
import { defineTemplate } from './template';

export const extensionInvoiceIssuedInput = z.object({
  invoiceNumber: singleLine,
  orderId: singleLine,
  amountDue: moneyInput,
  /** The rental's current end: paid by then, the rental goes on; unpaid, it ends as planned. */
  dueAt: instant,
  checkoutUrl: linkUrl,
});

export type ExtensionInvoiceIssuedInput = z.output<typeof extensionInvoiceIssuedInput>;

const WORDS = {
  en: {
    subject: (invoice: string) => `Your invoice ${invoice} for extending your rental`,
    intro: 'Your invoice for extending your rental is ready.',
    invoice: 'Invoice number',
    order: 'Order',
    amountDue: 'Amount due',
    due: 'Due',
    terms: (due: string) =>
      `Once it is paid, your rental is extended and we confirm the new end date. If it is not paid by ${due}, your rental ends as planned.`,
    payOnline: 'Pay online',
  },
  nl: {
    subject: (invoice: string) => `Uw factuur ${invoice} voor de verlenging van uw huur`,
    intro: 'Uw factuur voor de verlenging van uw huur staat klaar.',
    invoice: 'Factuurnummer',
    order: 'Bestelling',
    amountDue: 'Te betalen',
    due: 'Vervaldatum',
    terms: (due: string) =>
      `Zodra deze is betaald, wordt uw huur verlengd en bevestigen wij de nieuwe einddatum. Is de factuur op ${due} niet betaald, dan eindigt uw huur zoals gepland.`,
    payOnline: 'Online betalen',
  },
} as const;

function render(language: Language, input: ExtensionInvoiceIssuedInput): RenderedMessage {
  const words = WORDS[language];
  const due = formatDateTime(input.dueAt, language);
  return compose(language, {
    subject: words.subject(input.invoiceNumber),
    blocks: [
      paragraph(words.intro),
      facts(
        { label: words.invoice, value: input.invoiceNumber },
        { label: words.order, value: input.orderId },
        { label: words.amountDue, value: formatMoney(input.amountDue, language) },
        { label: words.due, value: due },
      ),
      paragraph(words.terms(due)),
      link(words.payOnline, input.checkoutUrl),
    ],
  });
}

/**
 * Sent with the invoice of an extension instead of invoice-issued, whose promise ("an order not paid
 * in time is cancelled", "we start preparing your server") is wrong for a rental that already runs.
 */
export const extensionInvoiceIssued = defineTemplate('extension-invoice-issued', extensionInvoiceIssuedInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
