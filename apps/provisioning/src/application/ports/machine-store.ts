import type { EventOrigin } from '@rental/messaging';
import type { Transaction } from '@rental/persistence';
import type { DeprovisionReason, Machine } from '../../domain/machine';

/** Where a machine's capacity is set aside: the host holding its allocation, and its address. */
export interface MachineTarget {
  hostId: string;
  ipAddress: string;
}

/** A machine as a job finds it, with where its capacity and address were set aside. */
export interface MachineForJob {
  machine: Machine;
  /** The host holding its allocation and the address the pool gave it; null once both are released. */
  target: MachineTarget | null;
  origin: EventOrigin;
}

/**
 * The machines of paid orders, their job steps, and the job runners' leases. Every call runs in the
 * caller's transaction. A lease says which runner instance works on a machine until when; a runner
 * writes only while it holds the lease, so two instances never run one machine's job at once, and a
 * crashed instance's machines are picked up once its lease lapses.
 *
 * A request to take a machine back (its deprovision reason) is written by the order's cancellation
 * or end, whoever holds the lease: a job never writes it, and reads it under the machine's lock at
 * every step, so it cannot miss one that came in while a step ran.
 */
export abstract class MachineStore {
  /** A new machine; `origin` is the event that asked for it, whose trace its job's events continue. */
  abstract insert(tx: Transaction, machine: Machine, origin: EventOrigin, at: Date): Promise<void>;

  /**
   * Leases up to `limit` machines with work that nobody holds (or whose lease lapsed): a
   * provisioning attempt that is due, or a machine to take back. Instances claiming at the same
   * moment pass each other's machines by. The ids leased.
   */
  abstract claim(tx: Transaction, owner: string, limit: number, leaseMs: number, now: Date): Promise<string[]>;

  /**
   * Asks for every machine of the order to be taken back, and wakes the job runners at commit. A
   * machine asked already keeps its first reason. Returns how many were asked now.
   */
  abstract requestDeprovisioning(tx: Transaction, orderId: string, reason: DeprovisionReason): Promise<number>;

  /**
   * Locks the machine if `owner` still holds its lease, and says whether it is to be taken back;
   * undefined when another instance took it over. Whoever asks for deprovisioning waits for this
   * lock, so a step's outcome is decided knowing every request committed before it.
   */
  abstract lockLeased(tx: Transaction, machineId: string, owner: string): Promise<{ deprovisionReason: DeprovisionReason | null } | undefined>;

  abstract load(tx: Transaction, machineId: string): Promise<MachineForJob | null>;

  /**
   * Stores the machine and its steps and renews the lease, if `owner` still holds it. False means
   * another instance took the machine over: the caller must roll back and leave it alone.
   */
  abstract saveLeased(tx: Transaction, machine: Machine, owner: string, leaseMs: number, at: Date): Promise<boolean>;

  /** Lets go of a machine, e.g. when its job is done or the instance stops. */
  abstract releaseLease(tx: Transaction, machineId: string, owner: string): Promise<void>;
}
