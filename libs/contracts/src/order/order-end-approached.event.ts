import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime } from '../shared/schemas';

export const orderEndApproachedV1 = defineEvent({
  type: 'order.end-approached',
  version: 1,
  producer: 'order',
  key: 'order id',
  description:
    'A running rental ends in `daysLeft` days (the reminders are configured in the order service, by default 3 and 1 ' +
    'day before the end): the customer is reminded and may extend it.',
  schema: z.object({ orderId: id, customerId: id, endsAt: isoTime, daysLeft: z.int().positive(), remindedAt: isoTime }),
  example: {
    orderId: EXAMPLE.orderId,
    customerId: EXAMPLE.customerId,
    endsAt: '2026-12-31T09:00:00Z',
    daysLeft: 3,
    remindedAt: '2026-12-28T09:00:00Z',
  },
});
