import { normalizeCountryCode, normalizeVatNumber } from '@rental/vat';
import { requireText } from './invoice-checks';
import type { BillingAddress, InvoiceCustomer } from './invoice-types';

/** The customer as the invoice prints it: names trimmed, country and VAT number in their canonical form. */
export function normalizeCustomer(customer: InvoiceCustomer): InvoiceCustomer {
  const name = requireText(customer.name, 'customer name');
  const country = normalizeCountryCode(customer.country);
  const vatNumber = customer.vatNumber === undefined ? undefined : normalizeVatNumber(customer.vatNumber);
  return {
    name,
    country,
    kind: customer.kind,
    ...(vatNumber === undefined || vatNumber === '' ? {} : { vatNumber }),
    ...(customer.billingAddress === undefined ? {} : { billingAddress: normalizeAddress(customer.billingAddress) }),
  };
}

/** A copy, so the invoice keeps the address it was issued with whatever the caller does to its object. */
function normalizeAddress(address: BillingAddress): BillingAddress {
  const line2 = address.line2?.trim() ?? '';
  return {
    line1: requireText(address.line1, 'billing address line 1'),
    ...(line2 === '' ? {} : { line2 }),
    postalCode: requireText(address.postalCode, 'billing address postal code'),
    city: requireText(address.city, 'billing address city'),
    country: normalizeCountryCode(address.country),
  };
}
