import { z } from 'zod';
import type { Language } from '../language';

/** Why money was credited or refunded: the reasons of billing's credit notes and refunds together. */
export const SETTLEMENT_REASONS = [
  'payment_window_closed',
  'customer_cancelled',
  'provisioning_failed',
  'unused_days',
  'extension_unpaid',
  'extension_lapsed',
  'late_payment',
  'duplicate_payment',
] as const;
export type SettlementReason = (typeof SETTLEMENT_REASONS)[number];

export const settlementReason = z.enum(SETTLEMENT_REASONS);

/** Each reason as a customer reads it, in words that fit after "Reason:". */
const PHRASES: Readonly<Record<Language, Readonly<Record<SettlementReason, string>>>> = {
  en: {
    payment_window_closed: 'the invoice was not paid before it was due, so the order was cancelled',
    customer_cancelled: 'you cancelled the order',
    provisioning_failed: 'we could not deliver your servers',
    unused_days: 'the whole days you did not use after cancelling the rental',
    extension_unpaid: 'the extension was not paid before the rental ended',
    extension_lapsed: 'the extension was paid after the rental had ended, too late to apply',
    late_payment: 'your payment arrived after the invoice had been cancelled',
    duplicate_payment: 'the invoice had already been paid',
  },
  nl: {
    payment_window_closed: 'de factuur is niet vóór de vervaldatum betaald, waardoor de bestelling is geannuleerd',
    customer_cancelled: 'u hebt de bestelling geannuleerd',
    provisioning_failed: 'wij konden uw servers niet leveren',
    unused_days: 'de hele dagen die u na het annuleren van de huur niet hebt gebruikt',
    extension_unpaid: 'de verlenging is niet betaald voordat de huur afliep',
    extension_lapsed: 'de verlenging is betaald nadat de huur was afgelopen, te laat om nog te gelden',
    late_payment: 'uw betaling kwam binnen nadat de factuur was geannuleerd',
    duplicate_payment: 'de factuur was al betaald',
  },
};

export function describeSettlementReason(reason: SettlementReason, language: Language): string {
  return PHRASES[language][reason];
}
