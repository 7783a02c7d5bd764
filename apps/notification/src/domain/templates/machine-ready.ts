import { z } from 'zod';
import type { Language } from '../language';
import { type Block, code, compose, facts, paragraph, type RenderedMessage } from './compose';
import { defineTemplate } from './template';

export const machineReadyInput = z.object({
  hostname: z.hostname().max(253),
  ipAddress: z.union([z.ipv4(), z.ipv6()]),
  /** How root logs in: the customer's own SSH key, or a one-time password generated for this machine. */
  access: z.discriminatedUnion('method', [
    z.object({ method: z.literal('ssh-key') }),
    z.object({
      method: z.literal('password'),
      // Not trimmed (that would change it) and without whitespace: it stands on a line of its own, to be copied exactly.
      rootPassword: z
        .string()
        .max(200)
        .regex(/^[^\s\p{Cc}]+$/u, 'must be non-empty, without spaces or control characters'),
    }),
  ]),
});

export type MachineReadyInput = z.output<typeof machineReadyInput>;

const WORDS = {
  en: {
    subject: (hostname: string) => `Your server ${hostname} is ready`,
    intro: 'Your server is running and ready to use.',
    hostname: 'Hostname',
    ipAddress: 'IP address',
    login: 'Log in as root over SSH:',
    withKey: 'Use the SSH key you gave us; there is no password to type.',
    passwordIs: 'Your one-time root password:',
    passwordAdvice:
      'This is the only time we show this password. Change it as soon as you have logged in (run passwd), then delete this email.',
  },
  nl: {
    subject: (hostname: string) => `Uw server ${hostname} staat klaar`,
    intro: 'Uw server draait en is klaar voor gebruik.',
    hostname: 'Hostnaam',
    ipAddress: 'IP-adres',
    login: 'Log via SSH in als root:',
    withKey: 'Gebruik hiervoor de SSH-sleutel die u ons hebt gegeven; u hoeft geen wachtwoord in te voeren.',
    passwordIs: 'Uw eenmalige root-wachtwoord:',
    passwordAdvice:
      'Dit is de enige keer dat wij dit wachtwoord tonen. Wijzig het zodra u bent ingelogd (met het commando passwd) en verwijder daarna deze e-mail.',
  },
} as const;

/** The two languages say the same things in the same order, so one function lays out both. */
function render(language: Language, input: MachineReadyInput): RenderedMessage {
  const words = WORDS[language];
  const credentials: Block[] =
    input.access.method === 'ssh-key'
      ? [paragraph(words.withKey)]
      : [paragraph(words.passwordIs), code(input.access.rootPassword), paragraph(words.passwordAdvice)];
  return compose(language, {
    subject: words.subject(input.hostname),
    blocks: [
      paragraph(words.intro),
      facts({ label: words.hostname, value: input.hostname }, { label: words.ipAddress, value: input.ipAddress }),
      paragraph(words.login),
      code(`ssh root@${input.ipAddress}`),
      ...credentials,
    ],
  });
}

/** Sent when the customer's machine runs: where it is and how to get in. */
export const machineReady = defineTemplate('machine-ready', machineReadyInput, {
  en: (input) => render('en', input),
  nl: (input) => render('nl', input),
});
