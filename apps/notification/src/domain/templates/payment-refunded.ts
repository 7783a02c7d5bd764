import { z } from 'zod';
import { formatMoney } from '../formatting';
import type { Language } from '../language';
import { compose, facts, paragraph, type RenderedMessage } from './compose';
import { moneyInput, singleLine } from './input-schemas';
import { describeSettlementReason, settlementReason } from './settlement-reasons';
import { defineTemplate } from './template';

export const paymentRefundedInput = z.object({
  refundNumber: singleLine,
  invoiceNumber: singleLine,
  amount: moneyInput,
  reason: settlementReason,
});

export type PaymentRefundedInput = z.output<typeof paymentRefundedInput>;

const WORDS = {
  en: {
    subject: (refund: string, invoice: string) => `Refund ${refund} for invoice ${invoice}`,
    intro: (amount: string, invoice: string) => `We have refunded ${amount} of your payment for invoice ${invoice}, to the account or card you paid with.`,
    refund: 'Refund',
    invoice: 'Invoice',
    amount: 'Amount refunded',
    reason: 'Reason',
    arrival: 'Depending on your bank it may take a few working days before the money shows in your account.',
  },
  nl: {
    subject: (refund: string, invoice: string) => `Terugbetaling ${refund} voor factuur ${invoice}`,
    intro: (amount: string, invoice: string) =>
      `Wij hebben ${amount} van uw betaling voor factuur ${invoice} terugbetaald, naar de rekening of kaart waarmee u betaalde.`,
    refund: 'Terugbetaling',
    invoice: 'Factuur',
    amount: 'Terugbetaald bedrag',
    reason: 'Reden',
    arrival: 'Afhankelijk van uw bank kan het enkele werkdagen duren voordat het geld op uw rekening staat.',
  },
} as const;

function render(language: Language, input: PaymentRefundedInput): RenderedMessage {
  const words = WORDS[language];
  const amount = formatMoney(input.amount, language);
  return compose(language, {
    subject: words.subject(input.refundNumber, input.invoiceNumber),
    blocks: [
      paragraph(words.intro(amount, input.invoiceNumber)),
      facts(
        { label: words.refund, value: input.refundNumber },
        { label: words.invoice, value: input.invoiceNumber },
        { label: words.amount, value: amount },
        { label: words.reason, value: describeSettlementReason(input.reason, language) },
      ),
      paragraph(words.arrival),
    ],
  });
}

/** Sent once the payment provider confirmed a refund: its number, how much, for which invoice and why. */
export const paymentRefunded = defineTemplate('payment-refunded', paymentRefundedInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
