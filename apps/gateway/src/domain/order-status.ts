import type { orderStatusChangedV1, PayloadOf } from '@rental/contracts';

/** A rental's status as the order service publishes it; the gateway only mirrors it. */
export type OrderStatus = PayloadOf<typeof orderStatusChangedV1>['to'];

/** After these nothing more happens to the rental's status (notes about refunds may still follow). */
const TERMINAL: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['completed', 'cancelled', 'rejected', 'failed']);

/** Where a customer's cancellation takes a rental: cancelled before it ran; deprovisioning, then completed, while it ran. */
const AFTER_CANCELLATION: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['cancelled', 'deprovisioning', 'completed']);

export function isTerminalOrderStatus(status: string): boolean {
  return TERMINAL.has(status as OrderStatus);
}

/** Whether the status already shows a cancellation: order.cancelled and its status change are separate events. */
export function reflectsCancellation(status: string): boolean {
  return AFTER_CANCELLATION.has(status as OrderStatus);
}
