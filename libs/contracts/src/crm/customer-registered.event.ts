import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { billingAddress, countryCode, id, isoTime, language, text } from '../shared/schemas';

export const crmCustomer = z.object({
  customerId: id,
  companyName: text.min(1).max(200),
  kind: z.enum(['business', 'consumer']).default('business'),
  billingAddress,
  country: countryCode,
  vatNumber: text.min(4).max(20).optional(),
  language,
  contactEmail: z.email(),
});

const example = {
  customerId: EXAMPLE.customerId,
  companyName: 'Stroopwafel Logistics B.V.',
  kind: 'business' as const,
  billingAddress: { line1: 'Havenstraat 12', postalCode: '3011 AB', city: 'Rotterdam', country: 'NL' },
  country: 'NL',
  vatNumber: 'NL123456789B01',
  language: 'nl' as const,
  contactEmail: 'it@stroopwafel-logistics.example',
};

export const customerRegisteredV1 = defineEvent({
  type: 'customer.registered',
  version: 1,
  producer: 'crm',
  key: 'customer id (so that one customer’s events, rental requests included, stay in order)',
  description:
    'The CRM registered a customer. The services that need customer data keep their own copy: the order service (quotes, ' +
    'rental requests), billing (the billing address on invoices), the gateway (an operator can then issue the customer an API key), ' +
    'notification (where mails go).',
  schema: crmCustomer.extend({ registeredAt: isoTime }),
  example: { ...example, registeredAt: '2026-11-25T08:30:00Z' },
});

export const customerUpdatedV1 = defineEvent({
  type: 'customer.updated',
  version: 1,
  producer: 'crm',
  key: 'customer id',
  description:
    'The CRM changed a customer: the whole record as it now stands (not a patch). Applies to quotes and invoices made ' +
    'from now on; issued invoices keep the details they were issued with.',
  schema: crmCustomer.extend({ updatedAt: isoTime }),
  example: { ...example, contactEmail: 'ops@stroopwafel-logistics.example', updatedAt: '2026-11-26T10:00:00Z' },
});
