import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { customerSnapshot, id, isoTime, price, rentalPeriod, resources, text } from '../shared/schemas';

export const orderPlacedV1 = defineEvent({
  type: 'order.placed',
  version: 1,
  producer: 'order',
  key: 'order id',
  description:
    'A customer ordered a quote. Provisioning now looks for capacity over the time the machines will exist, from ' +
    'provisioningFrom (when their provisioning is planned to begin: period.start minus the provisioning lead, so that ' +
    'they run when the period begins) to period.end; nothing is invoiced yet. Without provisioningFrom (an older ' +
    'producer) provisioning takes period.start.',
  schema: z.object({
    orderId: id,
    quoteId: id,
    customer: customerSnapshot,
    planCode: text,
    resources,
    locationCode: text,
    imageCode: text,
    quantity: z.int().positive(),
    period: rentalPeriod,
    price,
    sshPublicKey: text.optional(),
    /** When provisioning of this rental is planned to begin; absent from an older producer: period.start. */
    provisioningFrom: isoTime.optional(),
    placedAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    quoteId: EXAMPLE.quoteId,
    customer: EXAMPLE.customer,
    planCode: 'standard-4',
    resources: { vcpu: 4, memoryMb: 8_192, diskGb: 160 },
    locationCode: 'ams1',
    imageCode: 'debian-12',
    quantity: 2,
    period: EXAMPLE.period,
    price: EXAMPLE.price,
    provisioningFrom: '2026-12-01T08:30:00Z',
    placedAt: '2026-11-25T09:05:00Z',
  },
});
