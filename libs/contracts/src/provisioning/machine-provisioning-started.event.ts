import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime } from '../shared/schemas';

export const machineProvisioningStartedV1 = defineEvent({
  type: 'machine.provisioning-started',
  version: 1,
  producer: 'provisioning',
  key: 'order id',
  description: 'A machine of the order is being allocated, installed and booted.',
  schema: z.object({ orderId: id, machineId: id, hostId: id, attempt: z.int().positive(), startedAt: isoTime }),
  example: { orderId: EXAMPLE.orderId, machineId: EXAMPLE.machineId, hostId: EXAMPLE.hostId, attempt: 1, startedAt: '2026-11-25T09:20:01Z' },
});
