import type { Capacity } from './capacity';
import type { Allocation, CapacityHold, HostStatus } from './host';

// What a host's commands return: the domain events they cause (facts inside the provisioning service,
// not Kafka contracts) and, for a refused command, why.
export interface HostRegistered {
  readonly type: 'host.registered';
  readonly hostId: string;
  readonly locationCode: string;
  readonly total: Capacity;
  readonly at: Date;
}

export interface HostStatusChanged {
  readonly type: 'host.status-changed';
  readonly hostId: string;
  readonly from: HostStatus;
  readonly to: HostStatus;
  readonly at: Date;
}

export interface HostCapacityChanged {
  readonly type: 'host.capacity-changed';
  readonly hostId: string;
  readonly from: Capacity;
  readonly to: Capacity;
  readonly at: Date;
}

export interface MaintenanceScheduled {
  readonly type: 'host.maintenance-scheduled';
  readonly hostId: string;
  readonly from: Date;
  readonly at: Date;
}

export interface CapacityHeld {
  readonly type: 'host.capacity-held';
  readonly hostId: string;
  readonly hold: CapacityHold;
  readonly at: Date;
}

export interface HoldPaid {
  readonly type: 'host.hold-paid';
  readonly hostId: string;
  readonly reservationId: string;
  readonly at: Date;
}

export interface HoldReleased {
  readonly type: 'host.hold-released';
  readonly hostId: string;
  readonly hold: CapacityHold;
  readonly at: Date;
}

export interface HoldExpired {
  readonly type: 'host.hold-expired';
  readonly hostId: string;
  readonly hold: CapacityHold;
  readonly at: Date;
}

export interface CapacityAllocated {
  readonly type: 'host.capacity-allocated';
  readonly hostId: string;
  readonly reservationId: string;
  readonly allocation: Allocation;
  /** What is left of the hold; zero when the hold is used up and gone. */
  readonly remainingHold: Capacity;
  readonly at: Date;
}

/** A machine given room here without a hold: its retry moved it from a host that failed it. */
export interface MachineMovedIn {
  readonly type: 'host.machine-moved-in';
  readonly hostId: string;
  readonly allocation: Allocation;
  readonly at: Date;
}

/** The order's rental ends at another time (an extension): its share of the host is taken until then. */
export interface RentalEndMoved {
  readonly type: 'host.rental-end-moved';
  readonly hostId: string;
  readonly orderId: string;
  readonly reservationIds: readonly string[];
  readonly machineIds: readonly string[];
  readonly until: Date;
  readonly at: Date;
}

export interface AllocationReleased {
  readonly type: 'host.allocation-released';
  readonly hostId: string;
  readonly allocation: Allocation;
  readonly at: Date;
}

export type HostEvent =
  | HostRegistered
  | HostStatusChanged
  | HostCapacityChanged
  | MaintenanceScheduled
  | CapacityHeld
  | HoldPaid
  | HoldReleased
  | HoldExpired
  | CapacityAllocated
  | MachineMovedIn
  | RentalEndMoved
  | AllocationReleased;

export interface HostNotActive {
  readonly reason: 'host_not_active';
  readonly hostId: string;
  readonly status: HostStatus;
}

export interface InsufficientCapacity {
  readonly reason: 'insufficient_capacity';
  readonly hostId: string;
  readonly requested: Capacity;
  readonly free: Capacity;
}

export interface MachineAlreadyAllocated {
  readonly reason: 'machine_already_allocated';
  readonly hostId: string;
  readonly machineId: string;
}

export type HoldRejection =
  HostNotActive | { readonly reason: 'duplicate_reservation'; readonly hostId: string; readonly reservationId: string } | InsufficientCapacity;

export interface HoldNotFound {
  readonly reason: 'hold_not_found';
  readonly hostId: string;
  readonly reservationId: string;
}

export interface HoldExpiredRejection {
  readonly reason: 'hold_expired';
  readonly hostId: string;
  readonly reservationId: string;
  readonly expiresAt: Date;
}

export type AllocationRejection =
  | HoldNotFound
  | HoldExpiredRejection
  | {
      readonly reason: 'exceeds_hold';
      readonly hostId: string;
      readonly reservationId: string;
      readonly requested: Capacity;
      readonly held: Capacity;
    }
  | MachineAlreadyAllocated;

export type MoveInRejection = HostNotActive | MachineAlreadyAllocated | InsufficientCapacity;

export interface AllocationNotFound {
  readonly reason: 'allocation_not_found';
  readonly hostId: string;
  readonly machineId: string;
}

export interface HostRetired {
  readonly reason: 'host_retired';
  readonly hostId: string;
}

export type CapacityChangeRejection =
  HostRetired | { readonly reason: 'capacity_below_use'; readonly hostId: string; readonly requested: Capacity; readonly inUse: Capacity };

export interface HostNotEmpty {
  readonly reason: 'host_not_empty';
  readonly hostId: string;
  readonly holds: number;
  readonly allocations: number;
}
