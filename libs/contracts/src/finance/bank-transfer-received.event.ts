import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { cents, currency, id, isoTime, text } from '../shared/schemas';

export const bankTransferReceivedV1 = defineEvent({
  type: 'bank-transfer.received',
  version: 1,
  producer: 'finance',
  key: 'the payment reference as the payer wrote it (so transfers for one invoice stay in order), or the transfer id when there is none',
  answeredBy: ['bank-transfer.applied', 'bank-transfer.flagged', 'bank-transfer.rejected'],
  description:
    'Finance’s bank reconciliation saw money arrive. Billing matches it to an invoice by the payment reference printed on ' +
    'the invoice (RENT-<year>-<seq>, also in invoice.issued): an exact payment settles the invoice and the rental ' +
    'proceeds as with an online payment; less leaves the invoice open with the balance due (the customer is told); ' +
    'more, or money for a cancelled, paid or unknown invoice, is recorded and flagged for a refund, never kept silently. ' +
    'Answered by bank-transfer.applied and/or bank-transfer.flagged with the same transferId.',
  schema: z.object({
    transferId: id,
    amountCents: cents.positive(),
    currency,
    payer: z.object({ name: text.min(1).max(200), iban: text.max(34).optional() }),
    reference: text.max(140),
    receivedAt: isoTime,
  }),
  example: {
    transferId: EXAMPLE.transferId,
    amountCents: 23_958,
    currency: 'EUR',
    payer: { name: 'Stroopwafel Logistics B.V.', iban: 'NL91ABNA0417164300' },
    reference: 'RENT-2026-000042',
    receivedAt: '2026-11-25T11:00:00Z',
  },
});
