import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

export const machineProvisioningRetriedV1 = defineEvent({
  type: 'machine.provisioning-retried',
  version: 1,
  producer: 'provisioning',
  key: 'order id',
  description: 'An attempt to provision a machine failed and another is scheduled, on another host of the location when one fits.',
  schema: z.object({
    orderId: id,
    machineId: id,
    failedAttempt: z.int().positive(),
    reason: text,
    movedToAnotherHost: z.boolean(),
    nextAttemptAt: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    machineId: EXAMPLE.machineId,
    failedAttempt: 1,
    reason: 'image install timed out',
    movedToAnotherHost: true,
    nextAttemptAt: '2026-11-25T09:21:05Z',
  },
});
