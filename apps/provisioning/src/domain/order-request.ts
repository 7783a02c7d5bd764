import type { Capacity } from './capacity';

/**
 * reserved: capacity is held, unpaid, until holdExpiresAt; unavailable: nothing could be held;
 * scheduled: paid, the hold waits for provisioning to start; paid: the hold became machines;
 * failed: paid after the hold lapsed and nothing was left; expired: the hold lapsed unpaid and was
 * released; cancelled, ended: the hold was released or the machines are being taken back.
 */
export type OrderRequestStatus = 'reserved' | 'unavailable' | 'scheduled' | 'paid' | 'failed' | 'expired' | 'cancelled' | 'ended';

/**
 * What provisioning keeps from order.placed to build the machines once order.paid arrives:
 * services never read each other's tables, so the facts it needs travel in the event and stay here.
 */
export interface OrderRequest {
  readonly orderId: string;
  readonly locationCode: string;
  /** What one machine needs. */
  readonly vcpu: number;
  readonly memoryMb: number;
  readonly diskGb: number;
  readonly quantity: number;
  readonly imageCode: string;
  /** Null: each machine gets a generated root password instead. */
  readonly sshPublicKey: string | null;
  readonly placedAt: Date;
  /** When provisioning of the machines is planned to begin (order.placed's provisioningFrom, or the period's start). */
  readonly provisioningFrom: Date;
  /** The rental's end, moved by extensions; null for an order placed before provisioning kept it. */
  readonly periodEnd: Date | null;
  readonly status: OrderRequestStatus;
  readonly holdId: string | null;
  readonly holdExpiresAt: Date | null;
  /** Why nothing was held or built, for operators. */
  readonly detail: string | null;
}

/** What one machine of the order needs. */
export function machineResources(request: OrderRequest): Capacity {
  return { vcpu: request.vcpu, memoryMb: request.memoryMb, diskGb: request.diskGb };
}
