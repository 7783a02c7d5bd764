import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { endOrDuration, id, isoTime, rentalSpec, text } from '../shared/schemas';

export const rentalRequestedV1 = defineEvent({
  type: 'rental.requested',
  version: 1,
  producer: 'crm',
  key: 'customer id (after the customer.registered it depends on)',
  answeredBy: ['rental.request.accepted', 'rental.request.rejected'],
  description:
    'An account manager arranged a rental for a registered customer: plan, location, image, quantity and period (an end, ' +
    'or an ISO-8601 duration of months, weeks and days), optionally with a negotiated discount up to what the catalogue ' +
    'allows for the plan (maxDiscountPercent in catalogue.published). Answered on rental.order.events.v1 by ' +
    'rental.request.accepted (capacity is held and the order is invoiced; from then on it is an order like any other, ' +
    'visible to the customer through the gateway) or rental.request.rejected, with the same requestId. Sending the ' +
    'same requestId again changes nothing.',
  schema: z
    .object({
      requestId: id,
      customerId: id,
      ...rentalSpec,
      discountPercent: z.number().min(0).max(100).multipleOf(0.5).optional(),
      sshPublicKey: text.min(16).max(16_384).optional(),
      accountManager: text.max(200).optional(),
      requestedAt: isoTime,
    })
    .refine(...endOrDuration),
  example: {
    requestId: EXAMPLE.requestId,
    customerId: EXAMPLE.customerId,
    planCode: 'standard-4',
    locationCode: 'ams1',
    imageCode: 'debian-12',
    quantity: 2,
    start: EXAMPLE.period.start,
    duration: 'P1M',
    discountPercent: 10,
    accountManager: 'j.devries@rental.example',
    requestedAt: '2026-11-25T09:00:00Z',
  },
});
