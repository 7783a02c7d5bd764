import type { Language } from './language';
import type { MessageKind } from './message-kind';
import type { RenderedMessage } from './templates/template';

/** A mail about to be sent, to whom, in which language. */
export interface OutgoingMessage {
  readonly kind: MessageKind;
  readonly recipient: string;
  readonly language: Language;
  readonly content: RenderedMessage;
}

/** All that logs and the delivery log may hold about a mail. */
export interface LoggableSummary {
  readonly kind: MessageKind;
  readonly recipient: string;
  readonly language: Language;
  readonly subject: string;
}

/**
 * What may be written down about a mail. An allow-list, not a scrub: the body can hold a root
 * password (machine-ready), so it never leaves here, and new fields stay out until added on purpose.
 * Subjects are built to hold no secret (see the machine-ready template).
 */
export function loggableSummary(message: OutgoingMessage): LoggableSummary {
  return {
    kind: message.kind,
    recipient: maskEmail(message.recipient),
    language: message.language,
    subject: message.content.subject,
  };
}

/**
 * "jane.doe@example.com" -> "j***@example.com": enough for support to match a complaint to a
 * delivery, not enough to harvest addresses from logs. The mask has a fixed width so it does not
 * reveal the length; anything that does not look like an address is masked entirely.
 */
export function maskEmail(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (at < 1 || domain === '') return '***';
  // By code point, so an address starting with a non-ASCII letter is not cut in half.
  const [first] = Array.from(local);
  return `${first}***@${domain}`;
}

// Deliberately loose: anything shaped like local@domain in free text is treated as an address.
const ADDRESS_IN_TEXT = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/gu;

/**
 * Free text from elsewhere (a mail server's error, "550 <jane@example.com>: mailbox unknown") with
 * every address in it masked, so an error can be logged without handing out the addresses it quotes.
 */
export function maskAddressesIn(text: string): string {
  return text.replace(ADDRESS_IN_TEXT, (address) => maskEmail(address));
}
