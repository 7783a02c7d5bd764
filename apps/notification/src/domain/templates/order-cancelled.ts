import { z } from 'zod';
import { formatDateTime } from '../formatting';
import type { Language } from '../language';
import { type Block, compose, type Fact, facts, paragraph, type RenderedMessage } from './compose';
import { instant, singleLine } from './input-schemas';
import { defineTemplate } from './template';

const common = {
  orderId: singleLine,
  cancelledAt: instant,
  /** The servers were running: they are stopped, wiped and deprovisioned. */
  wasRunning: z.boolean(),
  /** "full": nothing is charged; "unused_days": the whole days not used are refunded pro rata. */
  settlement: z.enum(['full', 'unused_days']),
};

/** One wording per reason; only a failed delivery quotes a reason, the other two are the customer's own doing or the clock's. */
export const orderCancelledInput = z.discriminatedUnion('reason', [
  z.object({ ...common, reason: z.literal('customer_cancelled') }),
  z.object({ ...common, reason: z.literal('payment_window_closed') }),
  z.object({ ...common, reason: z.literal('provisioning_failed'), detail: singleLine.optional() }),
]);

export type OrderCancelledInput = z.output<typeof orderCancelledInput>;

const WORDS = {
  en: {
    subject: {
      customer_cancelled: (orderId: string) => `Your order ${orderId} is cancelled`,
      payment_window_closed: (orderId: string) => `Your order ${orderId} is cancelled: no payment received`,
      provisioning_failed: (orderId: string) => `Our apologies: we could not deliver your order ${orderId}`,
    },
    intro: {
      customer_cancelled: 'As you asked, we have cancelled your order.',
      payment_window_closed:
        'We did not receive the payment for your order before the invoice was due, so we have cancelled the order and released the capacity we had reserved for it.',
      provisioning_failed: 'We are very sorry: we could not set up the servers of your order, even after several attempts, so we have cancelled it.',
    },
    order: 'Order',
    cancelledAt: 'Cancelled',
    reason: 'Reason',
    wiped: 'Your servers are being stopped and their disks wiped; nothing on them can be recovered afterwards. Their IP addresses go back to our pool.',
    partlyDelivered: 'Any server of this order that had already been set up is stopped and its disk wiped.',
    unusedDays: 'We refund the whole days you have not used, pro rata (the day in progress counts as used); an invoice not yet paid is cancelled in full.',
    fullRefund: 'You pay nothing for this order: every invoice of it is cancelled with a credit note, and every payment is refunded in full.',
    windowClosed:
      'The unpaid invoice is cancelled with a credit note. Please do not pay it any more: a payment that still arrives is refunded to you automatically.',
    separateMails: 'The credit note and any refund follow in separate emails.',
    apology: 'Please accept our apologies for the inconvenience. You are welcome to order again whenever it suits you.',
    newQuote: 'You are welcome to ask for a new quote at any time.',
  },
  nl: {
    subject: {
      customer_cancelled: (orderId: string) => `Uw bestelling ${orderId} is geannuleerd`,
      payment_window_closed: (orderId: string) => `Uw bestelling ${orderId} is geannuleerd: geen betaling ontvangen`,
      provisioning_failed: (orderId: string) => `Onze excuses: wij konden uw bestelling ${orderId} niet leveren`,
    },
    intro: {
      customer_cancelled: 'Zoals u hebt gevraagd, hebben wij uw bestelling geannuleerd.',
      payment_window_closed:
        'Wij hebben de betaling voor uw bestelling niet vóór de vervaldatum van de factuur ontvangen. Daarom hebben wij de bestelling geannuleerd en de capaciteit die voor u was gereserveerd vrijgegeven.',
      provisioning_failed:
        'Het spijt ons zeer: het is ons ook na meerdere pogingen niet gelukt de servers van uw bestelling in te richten. Daarom hebben wij de bestelling geannuleerd.',
    },
    order: 'Bestelling',
    cancelledAt: 'Geannuleerd',
    reason: 'Reden',
    wiped: 'Uw servers worden gestopt en hun schijven gewist; daarna is niets van de gegevens meer terug te halen. Hun IP-adressen gaan terug naar onze pool.',
    partlyDelivered: 'Een server van deze bestelling die al was ingericht, wordt gestopt en de schijf ervan gewist.',
    unusedDays:
      'Wij betalen de hele dagen die u niet hebt gebruikt naar rato terug (de lopende dag telt als gebruikt); een factuur die nog niet is betaald, wordt volledig gecrediteerd.',
    fullRefund: 'U betaalt niets voor deze bestelling: elke factuur ervan wordt met een creditnota geannuleerd en elke betaling volledig terugbetaald.',
    windowClosed:
      'De onbetaalde factuur wordt met een creditnota geannuleerd. Betaal deze niet meer: een betaling die nog binnenkomt, betalen wij automatisch aan u terug.',
    separateMails: 'De creditnota en een eventuele terugbetaling ontvangt u in aparte e-mails.',
    apology: 'Onze excuses voor het ongemak. U bent van harte welkom om opnieuw te bestellen wanneer het u uitkomt.',
    newQuote: 'U kunt op elk moment een nieuwe offerte aanvragen.',
  },
} as const;

function render(language: Language, input: OrderCancelledInput): RenderedMessage {
  const words = WORDS[language];
  const rows: Fact[] = [
    { label: words.order, value: input.orderId },
    { label: words.cancelledAt, value: formatDateTime(input.cancelledAt, language) },
  ];
  if (input.reason === 'provisioning_failed' && input.detail) rows.push({ label: words.reason, value: input.detail });

  const machines: Block[] = input.wasRunning ? [paragraph(words.wiped)] : input.reason === 'provisioning_failed' ? [paragraph(words.partlyDelivered)] : [];
  const money = input.settlement === 'unused_days' ? words.unusedDays : input.reason === 'payment_window_closed' ? words.windowClosed : words.fullRefund;
  const closing =
    input.reason === 'provisioning_failed' ? [paragraph(words.apology)] : input.reason === 'payment_window_closed' ? [paragraph(words.newQuote)] : [];

  return compose(language, {
    subject: words.subject[input.reason](input.orderId),
    blocks: [paragraph(words.intro[input.reason]), facts(...rows), ...machines, paragraph(money), paragraph(words.separateMails), ...closing],
  });
}

/**
 * Sent when an order stops before its end: the customer cancelled (before the servers ran, or while
 * they ran), the payment window closed, or the servers could not be delivered (an apology, with the
 * reason). Each says what happens to the servers and to the money; the credit notes and refunds
 * themselves follow in their own mails.
 */
export const orderCancelled = defineTemplate('order-cancelled', orderCancelledInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
