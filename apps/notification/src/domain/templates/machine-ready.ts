import { z } from 'zod';
import type { Language } from '../language';
import { type Block, code, compose, facts, paragraph, type RenderedMessage } from './compose';
import { defineTemplate } from './template';

export const machineReadyInput = z.object({
  orderId: z.uuid(),
  /** Absent only in a request parked before machine.running v2, whose machine id was not kept. */
  machineId: z.uuid().optional(),
  hostname: z.hostname().max(253),
  ipAddress: z.union([z.ipv4(), z.ipv6()]),
  /**
   * How root logs in: the customer's own SSH key, or a one-time password generated for this machine.
   * The password itself is never here: the customer reveals it once through the API (the gateway
   * alone can open it), so no mail, mailbox or mail log ever holds it.
   */
  access: z.object({ method: z.enum(['ssh-key', 'password']) }),
});

export type MachineReadyInput = z.output<typeof machineReadyInput>;

/** The gateway's reveal-once endpoint; the one place a generated root password is shown. */
export const revealEndpoint = (orderId: string, machineId: string | undefined) =>
  `POST /v1/orders/${orderId}/machines/${machineId ?? '{machineId}'}/root-password`;

const WORDS = {
  en: {
    subject: (hostname: string) => `Your server ${hostname} is ready`,
    intro: 'Your server is running and ready to use.',
    hostname: 'Hostname',
    ipAddress: 'IP address',
    login: 'Log in as root over SSH:',
    withKey: 'Use the SSH key you gave us; there is no password to type.',
    withPassword:
      'Log in with the one-time root password we generated for this server. For your safety it is not in this email: ' +
      'reveal it once through our API, with your API key (soon in the customer portal too):',
    machineIdIsInOrder: "The server's id ({machineId}) is listed with the order: GET /v1/orders/",
    passwordAdvice:
      'The password is shown only once: the first request returns it, every later one answers 410 Gone. ' +
      'Change it as soon as you have logged in (run passwd).',
  },
  nl: {
    subject: (hostname: string) => `Uw server ${hostname} staat klaar`,
    intro: 'Uw server draait en is klaar voor gebruik.',
    hostname: 'Hostnaam',
    ipAddress: 'IP-adres',
    login: 'Log via SSH in als root:',
    withKey: 'Gebruik hiervoor de SSH-sleutel die u ons hebt gegeven; u hoeft geen wachtwoord in te voeren.',
    withPassword:
      'Log in met het eenmalige root-wachtwoord dat wij voor deze server hebben aangemaakt. Voor uw veiligheid staat het niet in deze e-mail: ' +
      'vraag het één keer op via onze API, met uw API-sleutel (binnenkort ook in het klantportaal):',
    machineIdIsInOrder: 'Het id van de server ({machineId}) staat bij de bestelling: GET /v1/orders/',
    passwordAdvice:
      'Het wachtwoord wordt maar één keer getoond: het eerste verzoek geeft het, elk later verzoek antwoordt 410 Gone. ' +
      'Wijzig het zodra u bent ingelogd (met het commando passwd).',
  },
} as const;

/** The two languages say the same things in the same order, so one function lays out both. */
function render(language: Language, input: MachineReadyInput): RenderedMessage {
  const words = WORDS[language];
  const credentials: Block[] =
    input.access.method === 'ssh-key'
      ? [paragraph(words.withKey)]
      : [
          paragraph(words.withPassword),
          code(revealEndpoint(input.orderId, input.machineId)),
          ...(input.machineId === undefined ? [paragraph(`${words.machineIdIsInOrder}${input.orderId}`)] : []),
          paragraph(words.passwordAdvice),
        ];
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
