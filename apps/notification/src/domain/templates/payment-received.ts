import { z } from 'zod';
import { formatMoney } from '../formatting';
import { compose, facts, paragraph } from './compose';
import { moneyInput, singleLine } from './input-schemas';
import { defineTemplate } from './template';

export const paymentReceivedInput = z.object({
  amount: moneyInput,
  invoiceNumber: singleLine,
});

export type PaymentReceivedInput = z.output<typeof paymentReceivedInput>;

/** Sent when an invoice is paid, so the customer knows the money arrived. */
export const paymentReceived = defineTemplate('payment-received', paymentReceivedInput, {
  en: (input) =>
    compose('en', {
      subject: `Payment received for invoice ${input.invoiceNumber}`,
      blocks: [
        paragraph(`Thank you: we have received your payment of ${formatMoney(input.amount, 'en')}.`),
        facts({ label: 'Amount', value: formatMoney(input.amount, 'en') }, { label: 'Invoice', value: input.invoiceNumber }),
        paragraph('The invoice is now paid; there is nothing more you need to do.'),
      ],
    }),
  nl: (input) =>
    compose('nl', {
      subject: `Betaling ontvangen voor factuur ${input.invoiceNumber}`,
      blocks: [
        paragraph(`Hartelijk dank: wij hebben uw betaling van ${formatMoney(input.amount, 'nl')} ontvangen.`),
        facts({ label: 'Bedrag', value: formatMoney(input.amount, 'nl') }, { label: 'Factuur', value: input.invoiceNumber }),
        paragraph('De factuur is hiermee betaald; u hoeft verder niets te doen.'),
      ],
    }),
});
