import { err, type Result } from '@rental/result';
import type { Language } from './language';
import { isMessageKind, type MessageKind } from './message-kind';
import { bankTransferRefundPending } from './templates/bank-transfer-refund-pending';
import { creditNoteIssued } from './templates/credit-note-issued';
import { extensionInvoiceIssued } from './templates/extension-invoice-issued';
import { invoiceIssued } from './templates/invoice-issued';
import { machineReady } from './templates/machine-ready';
import { orderCancelled } from './templates/order-cancelled';
import { orderReceived } from './templates/order-received';
import { orderRejected } from './templates/order-rejected';
import { orderScheduled } from './templates/order-scheduled';
import { partialPaymentReceived } from './templates/partial-payment-received';
import { paymentFailed } from './templates/payment-failed';
import { paymentReceived } from './templates/payment-received';
import { paymentRefunded } from './templates/payment-refunded';
import { rentalEnded } from './templates/rental-ended';
import { rentalEndingSoon } from './templates/rental-ending-soon';
import { rentalExtended } from './templates/rental-extended';
import type { InvalidInput, RenderableTemplate, RenderedMessage } from './templates/template';

/** Typed as a full record, so a new message kind does not compile until it has a template. */
const TEMPLATES: Readonly<Record<MessageKind, RenderableTemplate>> = {
  'order-received': orderReceived,
  'invoice-issued': invoiceIssued,
  'payment-received': paymentReceived,
  'order-scheduled': orderScheduled,
  'machine-ready': machineReady,
  'order-rejected': orderRejected,
  'payment-failed': paymentFailed,
  'order-cancelled': orderCancelled,
  'credit-note-issued': creditNoteIssued,
  'payment-refunded': paymentRefunded,
  'extension-invoice-issued': extensionInvoiceIssued,
  'rental-extended': rentalExtended,
  'rental-ending-soon': rentalEndingSoon,
  'rental-ended': rentalEnded,
  'partial-payment-received': partialPaymentReceived,
  'bank-transfer-refund-pending': bankTransferRefundPending,
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
