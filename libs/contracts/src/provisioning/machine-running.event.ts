import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, text } from '../shared/schemas';

export const machineRunningV1 = defineEvent({
  type: 'machine.running',
  version: 1,
  producer: 'provisioning',
  key: 'order id',
  containsSecrets: true,
  description:
    'A machine of the order runs. With password access the one-time root password travels here, once: ' +
    'consumers must never log payloads of this event nor store the password beyond showing it to the customer.',
  schema: z.object({
    orderId: id,
    machineId: id,
    hostname: text,
    ipAddress: z.ipv4(),
    access: z.discriminatedUnion('method', [
      z.object({ method: z.literal('ssh-key') }),
      z.object({ method: z.literal('password'), rootPassword: text.min(12) }),
    ]),
    runningSince: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    machineId: EXAMPLE.machineId,
    hostname: 'debian-b7e1d2c3.ams1.rental.example',
    ipAddress: '203.0.113.10',
    access: { method: 'ssh-key' },
    runningSince: '2026-11-25T09:21:30Z',
  },
});
