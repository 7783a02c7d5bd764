import type { Language } from './language';
import { isMessageKind, type MessageKind } from './message-kind';
import { err, type Result } from '@rental/result';
import { invoiceIssued } from './templates/invoice-issued';
import { machineReady } from './templates/machine-ready';
import { orderReceived } from './templates/order-received';
import { paymentReceived } from './templates/payment-received';
import type { InvalidInput, RenderableTemplate, RenderedMessage } from './templates/template';

/** Typed as a full record, so a new message kind does not compile until it has a template. */
const TEMPLATES: Readonly<Record<MessageKind, RenderableTemplate>> = {
  'order-received': orderReceived,
  'invoice-issued': invoiceIssued,
  'payment-received': paymentReceived,
  'machine-ready': machineReady,
};

export interface UnknownKind {
  readonly reason: 'unknown_kind';
  readonly kind: string;
}

/** Why no mail came out: the caller dead-letters the event that asked for it, with this as the reason. */
export type RenderRefusal = UnknownKind | InvalidInput;

/**
 * The mail of one kind in one language for input from outside (an event payload). A kind we have
 * no template for, or input its schema refuses, is an answer, not an exception: it is bad data, and
 * the consumer must go on with the next event.
 */
export function renderMessage(kind: string, language: Language, input: unknown): Result<RenderedMessage, RenderRefusal> {
  // isMessageKind rather than `kind in TEMPLATES`, which would find "toString" on the prototype.
  if (!isMessageKind(kind)) return err({ reason: 'unknown_kind', kind });
  return TEMPLATES[kind].render(language, input);
}
