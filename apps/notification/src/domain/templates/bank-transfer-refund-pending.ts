import { bankTransferFlaggedV1 } from '@rental/contracts';
import { z } from 'zod';
import { formatMoney } from '../formatting';
import type { Language } from '../language';
import { compose, type Fact, facts, paragraph, type RenderedMessage } from './compose';
import { moneyInput, singleLine } from './input-schemas';
import { defineTemplate } from './template';

/** Why billing cannot keep money of a transfer: bank-transfer.flagged's reasons, each of which the mail explains. */
export const REFUND_PENDING_REASONS = bankTransferFlaggedV1.schema.shape.reason.options;
type Reason = (typeof REFUND_PENDING_REASONS)[number];

export const bankTransferRefundPendingInput = z.object({
  reason: z.enum(REFUND_PENDING_REASONS),
  /** What will be paid back, in the currency of the transfer. */
  amount: moneyInput,
  invoiceNumber: singleLine,
  /** The invoice's reference, for paying it again in the right currency. */
  paymentReference: singleLine,
  /** What the payer wrote on the transfer, so they can tell which one it was; absent when it was blank. */
  transferReference: singleLine.optional(),
});

export type BankTransferRefundPendingInput = z.output<typeof bankTransferRefundPendingInput>;

const WORDS = {
  en: {
    subject: (amount: string) => `We will pay back ${amount} of your bank transfer`,
    why: {
      overpaid: (amount, invoice) =>
        `You transferred more than invoice ${invoice} asked for. The invoice is paid; we cannot keep the ${amount} too much and will pay it back.`,
      invoice_cancelled: (amount, invoice) => `Invoice ${invoice} was cancelled, so nothing is owed on it any more. We will pay the whole ${amount} back.`,
      invoice_paid: (amount, invoice) => `Invoice ${invoice} had already been paid. We will pay the whole ${amount} back.`,
      unknown_reference: (amount, invoice) => `We could not book your transfer on invoice ${invoice}. We will pay the whole ${amount} back.`,
      currency_mismatch: (amount, invoice) =>
        `Your transfer was not in the currency of invoice ${invoice}, so we cannot book it on the invoice, which this transfer does not pay. We will pay the whole ${amount} back.`,
    } satisfies Record<Reason, (amount: string, invoice: string) => string>,
    payAgain: (reference: string) =>
      `If the invoice is still to be paid, transfer the amount due in the invoice's currency and quote the payment reference ${reference}.`,
    amount: 'To be paid back',
    invoice: 'Invoice',
    transferReference: 'Reference on your transfer',
    arrival: 'The money goes back to the account it came from; depending on your bank it may take a few working days to arrive.',
  },
  nl: {
    subject: (amount: string) => `Wij betalen ${amount} van uw overboeking terug`,
    why: {
      overpaid: (amount, invoice) =>
        `U hebt meer overgemaakt dan factuur ${invoice} vroeg. De factuur is betaald; de ${amount} te veel mogen wij niet houden en betalen wij terug.`,
      invoice_cancelled: (amount, invoice) =>
        `Factuur ${invoice} is geannuleerd, dus daarop is niets meer verschuldigd. Wij betalen het hele bedrag van ${amount} terug.`,
      invoice_paid: (amount, invoice) => `Factuur ${invoice} was al betaald. Wij betalen het hele bedrag van ${amount} terug.`,
      unknown_reference: (amount, invoice) => `Wij konden uw overboeking niet op factuur ${invoice} boeken. Wij betalen het hele bedrag van ${amount} terug.`,
      currency_mismatch: (amount, invoice) =>
        `Uw overboeking was niet in de valuta van factuur ${invoice}, dus wij kunnen haar niet op de factuur boeken en de factuur is er niet mee betaald. Wij betalen het hele bedrag van ${amount} terug.`,
    } satisfies Record<Reason, (amount: string, invoice: string) => string>,
    payAgain: (reference: string) =>
      `Staat de factuur nog open, maak dan het verschuldigde bedrag over in de valuta van de factuur, onder vermelding van betalingskenmerk ${reference}.`,
    amount: 'Terug te betalen',
    invoice: 'Factuur',
    transferReference: 'Omschrijving van uw overboeking',
    arrival: 'Het geld gaat terug naar de rekening waarvan het kwam; afhankelijk van uw bank kan het enkele werkdagen duren voordat het er staat.',
  },
} as const;

/** Transfers that may leave open an invoice the payer meant to pay; after the others it is paid, or needs no paying. */
const LEFT_UNPAID: ReadonlySet<Reason> = new Set(['currency_mismatch', 'unknown_reference']);

function render(language: Language, input: BankTransferRefundPendingInput): RenderedMessage {
  const words = WORDS[language];
  const amount = formatMoney(input.amount, language);
  const rows: Fact[] = [
    { label: words.amount, value: amount },
    { label: words.invoice, value: input.invoiceNumber },
  ];
  if (input.transferReference) rows.push({ label: words.transferReference, value: input.transferReference });
  return compose(language, {
    subject: words.subject(amount),
    blocks: [
      paragraph(words.why[input.reason](amount, input.invoiceNumber)),
      facts(...rows),
      ...(LEFT_UNPAID.has(input.reason) ? [paragraph(words.payAgain(input.paymentReference))] : []),
      paragraph(words.arrival),
    ],
  });
}

/** Sent when billing flagged money of a transfer for an invoice it cannot keep: how much goes back, and why. */
export const bankTransferRefundPending = defineTemplate('bank-transfer-refund-pending', bankTransferRefundPendingInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
