import type { machineDeprovisionedV1, orderCancellationRejectedV1, orderCancelledV1, orderPlacedV1, orderRejectedV1, PayloadOf } from '@rental/contracts';
import type { Transaction } from '@rental/persistence';
import type { Page } from './read-snapshot';

type Placed = PayloadOf<typeof orderPlacedV1>;
type Cancelled = PayloadOf<typeof orderCancelledV1>;

/**
 * A rental as the customer sees it. Filled by order.placed; an order refused before it was placed
 * (e.g. an expired quote) has only its ids, status and rejection.
 */
export interface OrderRecord {
  orderId: string;
  customerId: string;
  quoteId: string;
  status: string;
  planCode: string | null;
  resources: Placed['resources'] | null;
  locationCode: string | null;
  imageCode: string | null;
  quantity: number | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  price: Placed['price'] | null;
  accessMethod: 'password' | 'ssh-key' | null;
  placedAt: Date | null;
  rejectionReason: PayloadOf<typeof orderRejectedV1>['reason'] | null;
  rejectionDetail: string | null;
  cancellationReason: Cancelled['reason'] | null;
  cancellationDetail: string | null;
  cancellationSettlement: Cancelled['settlement'] | null;
  cancelledWhileRunning: boolean | null;
  /** The customer's cancel request that cancelled it (order.cancel's requestId). */
  cancellationRequestId: string | null;
  cancelledAt: Date | null;
  endedAt: Date | null;
  recordedAt: Date;
}

/** One step of a rental (order.status-changed); seq orders the entries and resumes a live feed. */
export interface OrderTimelineEntry {
  seq: number;
  eventId: string;
  orderId: string;
  customerId: string;
  fromStatus: string | null;
  toStatus: string;
  trigger: string;
  at: Date;
  detail: string | null;
}

/** A machine of an order that ran, and whether it has been deprovisioned since; never its root password. */
export interface MachineRecord {
  machineId: string;
  orderId: string;
  customerId: string | null;
  hostname: string;
  ipAddress: string;
  accessMethod: 'password' | 'ssh-key';
  /** The sealed password is still there to reveal. */
  rootPasswordRevealable: boolean;
  passwordRevealedAt: Date | null;
  runningSince: Date;
  deprovisionedAt: Date | null;
  deprovisionReason: PayloadOf<typeof machineDeprovisionedV1>['reason'] | null;
}

/** A cancel request the order service refused, by the requestId the gateway chose. */
export interface CancellationRejection {
  requestId: string;
  reason: PayloadOf<typeof orderCancellationRejectedV1>['reason'];
  detail: string;
}

/** The customer's orders; another customer's order is as absent as an unknown one. */
export interface OrderReadModel {
  find(customerId: string, orderId: string, tx?: Transaction): Promise<OrderRecord | null>;
  /** The customer's orders, the newest first, after the order `after`. */
  page(customerId: string, limit: number, after?: string): Promise<Page<OrderRecord>>;
  timelineAfter(orderId: string, afterSeq: number, tx?: Transaction): Promise<OrderTimelineEntry[]>;
  /**
   * The order's status, and how long ago (by the database's clock) its latest timeline entry was
   * applied; null when it has no entry yet.
   */
  feedState(orderId: string): Promise<{ status: string; quietForMs: number | null } | null>;
  /** The order's machines, in the order they came up. */
  machinesOf(tx: Transaction, orderId: string): Promise<MachineRecord[]>;
  cancellationRejection(customerId: string, requestId: string): Promise<CancellationRejection | null>;
}

export const ORDER_READ_MODEL = Symbol('ORDER_READ_MODEL');
