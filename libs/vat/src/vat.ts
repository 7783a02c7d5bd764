import type { Money } from '@rental/money';
import { isEuMemberState, normalizeCountryCode } from './eu-member-states';
import { isValidVatNumberFormat } from './vat-number';

/** The seller is established in the Netherlands; every rule below is written from that position. */
export const SELLER_COUNTRY = 'NL';
export const DUTCH_STANDARD_RATE_PERCENT = 21;

export const REVERSE_CHARGE_NOTE = 'VAT reverse-charged (article 196, Council Directive 2006/112/EC)';
/**
 * Renting servers is hiring out movable property or an electronically supplied service; either way the
 * place of supply for a customer outside the EU lies outside the EU, for businesses (article 44) and for
 * consumers (article 59).
 */
export const OUTSIDE_EU_NOTE = 'Outside the scope of EU VAT: place of supply outside the EU (articles 44 and 59, Council Directive 2006/112/EC)';

export type CustomerKind = 'consumer' | 'business';

export interface VatCustomer {
  /** ISO 3166-1 alpha-2 code of the country where the customer is established. */
  readonly country: string;
  readonly kind: CustomerKind;
  readonly vatNumber?: string;
}

export type VatTreatment = 'standard' | 'reverse_charge' | 'outside_eu';

export interface VatOutcome {
  readonly ratePercent: number;
  readonly treatment: VatTreatment;
  /** Text the invoice must carry to explain a zero rate. */
  readonly note?: string;
}

export interface VatBreakdown {
  readonly net: Money;
  readonly vat: Money;
  readonly gross: Money;
}

/**
 * Which VAT the platform charges a customer.
 *
 * Every EU consumer pays the Dutch 21%. This is a simplification: the platform does not charge the
 * consumer's own country's rate through the One-Stop Shop (OSS), which EU law requires for
 * electronically supplied services once cross-border consumer sales exceed EUR 10,000 a year. The
 * platform sells to businesses, so consumers are rare; revisit this before selling to them at scale.
 *
 * An EU business outside NL gets reverse charge only with a VAT number that has the right shape for
 * its country; without one it is charged like a consumer, which is the safe side for the seller.
 */
export function determineVat(customer: VatCustomer): VatOutcome {
  const country = normalizeCountryCode(customer.country);
  if (!isEuMemberState(country)) {
    return { ratePercent: 0, treatment: 'outside_eu', note: OUTSIDE_EU_NOTE };
  }
  const reverseCharge =
    country !== SELLER_COUNTRY && customer.kind === 'business' && customer.vatNumber !== undefined && isValidVatNumberFormat(customer.vatNumber, country);
  if (reverseCharge) {
    return { ratePercent: 0, treatment: 'reverse_charge', note: REVERSE_CHARGE_NOTE };
  }
  return { ratePercent: DUTCH_STANDARD_RATE_PERCENT, treatment: 'standard' };
}

/**
 * VAT on an invoice's total net amount, rounded once. Rounding per line would let each line's half
 * cent add up, so the VAT printed would differ from rate x printed net total, which is the figure the
 * customer's bookkeeping and the VAT return check; and a full credit note, computed on the same total,
 * mirrors the invoice to the cent.
 */
export function vatOnInvoiceTotal(net: Money, outcome: VatOutcome): VatBreakdown {
  const vat = net.percentage(outcome.ratePercent);
  return { net, vat, gross: net.add(vat) };
}
