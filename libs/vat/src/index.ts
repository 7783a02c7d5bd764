export { EU_MEMBER_STATES, isEuMemberState, normalizeCountryCode } from './eu-member-states';
export type { EuMemberState } from './eu-member-states';
export { isValidVatNumberFormat, normalizeVatNumber, vatPrefixOf } from './vat-number';
export { determineVat, DUTCH_STANDARD_RATE_PERCENT, OUTSIDE_EU_NOTE, REVERSE_CHARGE_NOTE, SELLER_COUNTRY, vatOnInvoiceTotal } from './vat';
export type { CustomerKind, VatBreakdown, VatCustomer, VatOutcome, VatTreatment } from './vat';
