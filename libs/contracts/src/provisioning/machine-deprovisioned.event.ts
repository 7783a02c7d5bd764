import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

export const machineDeprovisionedV1 = defineEvent({
  type: 'machine.deprovisioned',
  version: 1,
  producer: 'provisioning',
  key: 'order id',
  description: 'A machine of the order was stopped, its disks wiped and the machine removed; its IP address and its share of the ' + 'host return to the pool.',
  schema: z.object({
    orderId: id,
    machineId: id,
    hostname: text,
    ipAddress: z.ipv4().optional(),
    reason: z.enum(['rental_ended', 'order_cancelled']),
    /** Whether the customer ever had the machine: false for one that came up after the order was cancelled. */
    wasDelivered: z.boolean(),
    deprovisionedAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    machineId: EXAMPLE.machineId,
    hostname: 'debian-b7e1d2c3.ams1.rental.example',
    ipAddress: '203.0.113.10',
    reason: 'rental_ended',
    wasDelivered: true,
    deprovisionedAt: '2026-12-31T09:03:10Z',
  },
});
