import type { orderStatusChangedV1, PayloadOf } from '@rental/contracts';

/** A rental's status as the order service publishes it; the gateway only mirrors it. */
export type OrderStatus = PayloadOf<typeof orderStatusChangedV1>['to'];

/** After these nothing more happens to the rental, so a live feed of its timeline can end. */
const TERMINAL: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['completed', 'cancelled', 'rejected', 'failed']);

export function isTerminalOrderStatus(status: string): boolean {
  return TERMINAL.has(status as OrderStatus);
}
