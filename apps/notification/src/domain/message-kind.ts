/** Every mail the platform sends a customer, one per customer-visible step of a rental. */
export const MESSAGE_KINDS = [
  'order-received',
  'invoice-issued',
  'payment-received',
  'machine-ready',
  'order-rejected',
  'payment-failed',
  'order-cancelled',
  'credit-note-issued',
  'payment-refunded',
  'extension-invoice-issued',
  'rental-extended',
  'rental-ending-soon',
  'rental-ended',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export function isMessageKind(value: unknown): value is MessageKind {
  return typeof value === 'string' && (MESSAGE_KINDS as readonly string[]).includes(value);
}
