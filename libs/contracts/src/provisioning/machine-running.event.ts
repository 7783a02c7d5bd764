import { z } from 'zod';
import { defineEvent } from '../define-event';
import { EXAMPLE } from '../shared/examples';
import { id, isoTime, sealedSecret, text } from '../shared/schemas';

/**
 * Superseded by v2 and published by no one since: its root password travelled in clear, readable
 * by every consumer group for the topic's whole retention. Kept so that a v1 still in the topic
 * when provisioning moved to v2 decodes and is handled (the order still runs; the gateway seals
 * the password on arrival) instead of being dead-lettered.
 */
export const machineRunningV1 = defineEvent({
  type: 'machine.running',
  version: 1,
  producer: 'provisioning',
  key: 'order id',
  containsSecrets: true,
  description:
    'Superseded by v2 and no longer published: its root password travelled in clear. ' +
    'A machine of the order runs. With password access the one-time root password travels here, once: ' +
    'consumers must never log payloads of this event nor store the password beyond showing it to the customer.',
  schema: z.object({
    orderId: id,
    machineId: id,
    hostname: text,
    ipAddress: z.ipv4(),
    access: z.discriminatedUnion('method', [
      z.object({ method: z.literal('ssh-key') }),
      z.object({ method: z.literal('password'), rootPassword: text.min(12).meta({ 'x-secret': 'clear' }) }),
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

/**
 * What the root password of one machine is sealed for (the AES-GCM additional data): a sealed
 * password opens only for the machine and order it was made for, never replayed onto another.
 */
export function rootPasswordContext(orderId: string, machineId: string): string {
  return `machine.running rootPassword order=${orderId} machine=${machineId}`;
}

export const machineRunningV2 = defineEvent({
  type: 'machine.running',
  version: 2,
  producer: 'provisioning',
  key: 'order id',
  // Sealed, but still a credential in waiting: the outbox row goes once published.
  containsSecrets: true,
  description:
    'A machine of the order runs: where it is and how root logs in. With password access the generated ' +
    'one-time root password travels sealed to the gateway (rootPasswordSealed: X25519 + HKDF-SHA256 + ' +
    'AES-256-GCM, the additional data "machine.running rootPassword order=<orderId> machine=<machineId>"), ' +
    'which alone holds the private key and lets the customer reveal it once. Never in clear; the ' +
    'fields marked x-secret are secrets.',
  schema: z.object({
    orderId: id,
    machineId: id,
    hostname: text,
    ipAddress: z.ipv4(),
    access: z.discriminatedUnion('method', [
      z.object({ method: z.literal('ssh-key') }),
      z.object({ method: z.literal('password'), rootPasswordSealed: sealedSecret.meta({ 'x-secret': 'sealed to the gateway' }) }),
    ]),
    runningSince: isoTime,
  }),
  example: {
    orderId: EXAMPLE.orderId,
    machineId: EXAMPLE.machineId,
    hostname: 'debian-b7e1d2c3.ams1.rental.example',
    ipAddress: '203.0.113.10',
    access: {
      method: 'password',
      // Sealed to the development key (libs/secrets): it opens to "example-Password-7Qz".
      rootPasswordSealed: {
        scheme: 'x25519-hkdf-sha256-aes-256-gcm',
        keyId: '1bd2c5bcf92162c0',
        ephemeralPublicKey: 'ZmISd0+1JOSj7d5ONpWrp30OG8uOkWzD5uL11ew6MGE=',
        iv: '3eYQZBs14OxUZptZ',
        ciphertext: 'V6jW+MPZ0fxVAAgZWF8KmrtG2KQ=',
        tag: 'gaj9rT1FYC9wGPTzQhgG1A==',
      },
    },
    runningSince: '2026-11-25T09:21:30Z',
  },
});
