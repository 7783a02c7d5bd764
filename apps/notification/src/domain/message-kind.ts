import { notificationSentV1 } from '@rental/contracts';

/**
 * Every mail the platform sends a customer, one per customer-visible step of a rental. The list is
 * notification.sent's (this service's own contract), since every mail sent is announced by its kind.
 */
export const MESSAGE_KINDS = notificationSentV1.schema.shape.kind.options;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export function isMessageKind(value: unknown): value is MessageKind {
  return typeof value === 'string' && (MESSAGE_KINDS as readonly string[]).includes(value);
}
