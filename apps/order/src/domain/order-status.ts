/** Where a rental stands. The order of the list is the happy path, then the ways it can end early. */
export const ORDER_STATUSES = [
  'placed', // created from a quote; capacity not yet confirmed
  'awaiting_payment', // capacity held, invoice issued
  'paid',
  'scheduled', // paid for a period that starts later: provisioning begins shortly before the start
  'provisioning',
  'running',
  'deprovisioning',
  'completed',
  'cancelled',
  'rejected', // no capacity for the quote
  'failed', // provisioning failed; billing refunds
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Statuses no trigger leaves: the rental is over and its record is history. */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['completed', 'cancelled', 'rejected', 'failed'];

/**
 * Statuses of an order placed and not yet paid: it holds (or is about to hold) capacity that no one
 * has paid for. How many of these one customer may have is limited.
 */
export const UNPAID_STATUSES: readonly OrderStatus[] = ['placed', 'awaiting_payment'];

export function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === 'string' && (ORDER_STATUSES as readonly string[]).includes(value);
}

export function isTerminalStatus(status: OrderStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}
