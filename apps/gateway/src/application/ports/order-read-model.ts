import type {
  machineDeprovisionedV1,
  orderCancellationRejectedV1,
  orderCancelledV1,
  orderEndedV1,
  orderExtendedV1,
  orderPlacedV1,
  orderRejectedV1,
  orderStatusChangedV1,
  PayloadOf,
} from '@rental/contracts';
import type { Transaction } from '@rental/persistence';
import type { SealedSecret } from '@rental/secrets';
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

/** A machine that came up, as machine.running tells it, its root password (if any) already sealed. */
export interface RunningMachine {
  machineId: string;
  orderId: string;
  hostname: string;
  ipAddress: string;
  accessMethod: 'password' | 'ssh-key';
  rootPasswordSealed: SealedSecret | null;
  runningSince: string;
}

/**
 * The customer's orders, their timelines and machines; another customer's order is as absent as an
 * unknown one. One order's events arrive in order, and every write tolerates a redelivery.
 */
export abstract class OrderReadModel {
  abstract find(customerId: string, orderId: string, tx?: Transaction): Promise<OrderRecord | null>;
  /** The customer's orders, the newest first, after the order `after`. */
  abstract page(customerId: string, limit: number, after?: string): Promise<Page<OrderRecord>>;
  abstract timelineAfter(orderId: string, afterSeq: number, tx?: Transaction): Promise<OrderTimelineEntry[]>;
  /**
   * The order's status, and how long ago (by the database's clock) its latest timeline entry was
   * applied; null when it has no entry yet.
   */
  abstract feedState(orderId: string): Promise<{ status: string; quietForMs: number | null } | null>;
  /** The order's machines, in the order they came up. */
  abstract machinesOf(tx: Transaction, orderId: string): Promise<MachineRecord[]>;
  abstract cancellationRejection(customerId: string, requestId: string): Promise<CancellationRejection | null>;

  /** A redelivered order.placed never undoes an extension: an end only ever moves later. */
  abstract recordPlaced(tx: Transaction, order: PayloadOf<typeof orderPlacedV1>): Promise<void>;
  abstract recordRejected(tx: Transaction, order: PayloadOf<typeof orderRejectedV1>): Promise<void>;
  /** A timeline entry, once per event id, and the order's status it moved to. */
  abstract recordStatusChange(tx: Transaction, eventId: string, change: PayloadOf<typeof orderStatusChangedV1>): Promise<void>;
  abstract recordCancelled(tx: Transaction, cancelled: PayloadOf<typeof orderCancelledV1>): Promise<void>;
  abstract recordCancellationRejected(tx: Transaction, rejection: PayloadOf<typeof orderCancellationRejectedV1>): Promise<void>;
  abstract recordExtended(tx: Transaction, extended: PayloadOf<typeof orderExtendedV1>): Promise<void>;
  abstract recordEnded(tx: Transaction, ended: PayloadOf<typeof orderEndedV1>): Promise<void>;
  /** Kept as first reported: a redelivery never brings back a password erased since. */
  abstract recordMachineRunning(tx: Transaction, machine: RunningMachine): Promise<void>;
  /** A wiped machine's password opens nothing any more: erased unrevealed. */
  abstract recordMachineDeprovisioned(tx: Transaction, deprovisioned: PayloadOf<typeof machineDeprovisionedV1>): Promise<void>;
}
