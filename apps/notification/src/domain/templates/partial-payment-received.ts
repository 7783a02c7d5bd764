import { z } from 'zod';
import { formatMoney } from '../formatting';
import type { Language } from '../language';
import { compose, facts, paragraph, type RenderedMessage } from './compose';
import { moneyInput, singleLine } from './input-schemas';
import { defineTemplate } from './template';

export const partialPaymentReceivedInput = z.object({
  invoiceNumber: singleLine,
  /** What the bank transfer booked on the invoice. */
  received: moneyInput,
  /** What the invoice still owes after it. */
  balanceDue: moneyInput,
  /** The reference to quote with the rest, so that it finds the invoice. */
  paymentReference: singleLine,
});

export type PartialPaymentReceivedInput = z.output<typeof partialPaymentReceivedInput>;

const WORDS = {
  en: {
    subject: (invoice: string) => `Part of the payment for invoice ${invoice} received`,
    intro: (received: string, invoice: string, due: string) =>
      `Thank you: we have received your bank transfer of ${received} for invoice ${invoice}. It does not cover the whole invoice: ${due} is still due.`,
    invoice: 'Invoice',
    received: 'Received',
    due: 'Still due',
    reference: 'Payment reference',
    rest: (due: string, reference: string) =>
      `Please transfer the remaining ${due} and quote the payment reference ${reference}, so that we can match it to your invoice. The invoice is paid once the whole amount has arrived.`,
  },
  nl: {
    subject: (invoice: string) => `Deel van de betaling voor factuur ${invoice} ontvangen`,
    intro: (received: string, invoice: string, due: string) =>
      `Hartelijk dank: wij hebben uw overboeking van ${received} voor factuur ${invoice} ontvangen. Die dekt niet de hele factuur: er staat nog ${due} open.`,
    invoice: 'Factuur',
    received: 'Ontvangen',
    due: 'Nog te betalen',
    reference: 'Betalingskenmerk',
    rest: (due: string, reference: string) =>
      `Maak het resterende bedrag van ${due} over onder vermelding van betalingskenmerk ${reference}, zodat wij het aan uw factuur kunnen koppelen. De factuur is betaald zodra het hele bedrag binnen is.`,
  },
} as const;

function render(language: Language, input: PartialPaymentReceivedInput): RenderedMessage {
  const words = WORDS[language];
  const received = formatMoney(input.received, language);
  const due = formatMoney(input.balanceDue, language);
  return compose(language, {
    subject: words.subject(input.invoiceNumber),
    blocks: [
      paragraph(words.intro(received, input.invoiceNumber, due)),
      facts(
        { label: words.invoice, value: input.invoiceNumber },
        { label: words.received, value: received },
        { label: words.due, value: due },
        { label: words.reference, value: input.paymentReference },
      ),
      paragraph(words.rest(due, input.paymentReference)),
    ],
  });
}

/** Sent when a bank transfer paid part of an invoice: how much arrived, what is still due, and the reference to pay it with. */
export const partialPaymentReceived = defineTemplate('partial-payment-received', partialPaymentReceivedInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
