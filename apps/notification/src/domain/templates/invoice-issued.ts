import { z } from 'zod';
import { formatDateTime, formatMoney } from '../formatting';
import { compose, facts, link, paragraph } from './compose';
import { instant, linkUrl, moneyInput, singleLine } from './input-schemas';
import { defineTemplate } from './template';

export const invoiceIssuedInput = z.object({
  invoiceNumber: singleLine,
  amountDue: moneyInput,
  /** The moment the payment window closes; an unpaid order is cancelled then. */
  dueAt: instant,
  /** The payment provider's checkout page for this invoice (the sandbox's is on localhost in development). */
  checkoutUrl: linkUrl,
});

export type InvoiceIssuedInput = z.output<typeof invoiceIssuedInput>;

/** Sent with every invoice: how much, by when, and where to pay. */
export const invoiceIssued = defineTemplate('invoice-issued', invoiceIssuedInput, {
  en: (input) =>
    compose('en', {
      subject: `Your invoice ${input.invoiceNumber}`,
      blocks: [
        paragraph('Your invoice is ready. Please pay it before it is due: an order that is not paid in time is cancelled.'),
        facts(
          { label: 'Invoice number', value: input.invoiceNumber },
          { label: 'Amount due', value: formatMoney(input.amountDue, 'en') },
          { label: 'Due', value: formatDateTime(input.dueAt, 'en') },
        ),
        paragraph('You can pay online, securely, through the link below.'),
        link('Pay online', input.checkoutUrl),
        paragraph('As soon as your payment has arrived, we start preparing your server.'),
      ],
    }),
  nl: (input) =>
    compose('nl', {
      subject: `Uw factuur ${input.invoiceNumber}`,
      blocks: [
        paragraph('Uw factuur staat klaar. Betaal deze vóór de vervaldatum: een bestelling die niet op tijd is betaald, wordt geannuleerd.'),
        facts(
          { label: 'Factuurnummer', value: input.invoiceNumber },
          { label: 'Te betalen', value: formatMoney(input.amountDue, 'nl') },
          { label: 'Vervaldatum', value: formatDateTime(input.dueAt, 'nl') },
        ),
        paragraph('U kunt veilig online betalen via de onderstaande link.'),
        link('Online betalen', input.checkoutUrl),
        paragraph('Zodra uw betaling binnen is, gaan we uw server klaarzetten.'),
      ],
    }),
});
