import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

export const machineProvisioningFailedV1 = defineEvent({
  type: 'machine.provisioning-failed',
  version: 1,
  producer: 'provisioning',
  key: 'order id',
  description: 'A machine could not be provisioned after every attempt; its capacity is released.',
  schema: z.object({ orderId: id, machineId: id, attempts: z.int().positive(), reason: text, failedAt: isoTime }),
  example: { orderId: EXAMPLE.orderId, machineId: EXAMPLE.machineId, attempts: 3, reason: 'image install timed out', failedAt: '2026-11-25T09:30:00Z' },
});
