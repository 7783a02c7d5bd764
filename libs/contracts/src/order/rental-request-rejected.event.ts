import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

export const RENTAL_REQUEST_REJECTIONS = [
  'invalid_request',
  'unknown_customer',
  'unknown_plan',
  'unknown_location',
  'unknown_image',
  'image_not_offered_in_location',
  'invalid_period',
  'discount_not_allowed',
  'no_capacity',
  'too_many_unpaid_orders',
] as const;

export const rentalRequestRejectedV1 = defineEvent({
  type: 'rental.request.rejected',
  version: 1,
  producer: 'order',
  key: 'customer id (the key of the rental.requested it answers)',
  description:
    'A rental.requested was refused, with a machine-readable reason; nothing is held or invoiced. invalid_request: the ' +
    'event failed its contract (it is also in the order service’s dead-letter topic, with the validation error). ' +
    'too_many_unpaid_orders: the customer already has as many orders awaiting payment as one customer may hold.',
  schema: z.object({
    requestId: id,
    customerId: id,
    reason: z.enum(RENTAL_REQUEST_REJECTIONS),
    detail: text,
    /** Set when an order had been placed for the request (no_capacity). */
    orderId: id.optional(),
    rejectedAt: isoTime,
  }),
  example: {
    requestId: EXAMPLE.requestId,
    customerId: EXAMPLE.customerId,
    reason: 'discount_not_allowed',
    detail: 'standard-4 allows a discount of at most 15%; 20% was asked',
    rejectedAt: '2026-11-25T09:00:01Z',
  },
});
