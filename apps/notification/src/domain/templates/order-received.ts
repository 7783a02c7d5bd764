import { z } from 'zod';
import { formatMoney, formatPeriod } from '../formatting';
import { compose, facts, paragraph } from './compose';
import { instant, moneyInput, singleLine } from './input-schemas';
import { defineTemplate } from './template';

export const orderReceivedInput = z.object({
  orderId: singleLine,
  /** The plan as the customer chose it from the catalogue, e.g. "CX-4 (4 vCPU, 8 GB RAM)". */
  plan: singleLine,
  location: singleLine,
  period: z
    .object({ start: instant, end: instant })
    .refine((period) => period.end.getTime() > period.start.getTime(), { message: 'must end after it starts', path: ['end'] }),
  /** The order's price as quoted: before VAT, which only the invoice works out. */
  total: moneyInput,
});

export type OrderReceivedInput = z.output<typeof orderReceivedInput>;

/** Sent when an order is placed: what was ordered, so the customer can check it before the invoice comes. */
export const orderReceived = defineTemplate('order-received', orderReceivedInput, {
  en: (input) =>
    compose('en', {
      subject: `We have received your order ${input.orderId}`,
      blocks: [
        paragraph('Thank you for your order. We are now reserving capacity for it; your invoice follows in a separate email.'),
        facts(
          { label: 'Order', value: input.orderId },
          { label: 'Plan', value: input.plan },
          { label: 'Location', value: input.location },
          { label: 'Period', value: formatPeriod(input.period, 'en') },
          { label: 'Total (excl. VAT)', value: formatMoney(input.total, 'en') },
        ),
        paragraph('VAT, where it applies, is added on the invoice.'),
      ],
    }),
  nl: (input) =>
    compose('nl', {
      subject: `We hebben uw bestelling ${input.orderId} ontvangen`,
      blocks: [
        paragraph('Hartelijk dank voor uw bestelling. We reserveren nu capaciteit voor u; de factuur volgt in een aparte e-mail.'),
        facts(
          { label: 'Bestelling', value: input.orderId },
          { label: 'Pakket', value: input.plan },
          { label: 'Locatie', value: input.location },
          { label: 'Periode', value: formatPeriod(input.period, 'nl') },
          { label: 'Totaal (excl. btw)', value: formatMoney(input.total, 'nl') },
        ),
        paragraph('Waar van toepassing wordt de btw op de factuur berekend.'),
      ],
    }),
});
