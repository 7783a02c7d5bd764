/** Every mail the platform sends a customer, one per customer-visible step of a rental. */
export const MESSAGE_KINDS = ['order-received', 'invoice-issued', 'payment-received', 'machine-ready'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export function isMessageKind(value: unknown): value is MessageKind {
  return typeof value === 'string' && (MESSAGE_KINDS as readonly string[]).includes(value);
}
