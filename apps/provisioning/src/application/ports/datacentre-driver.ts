import type { Result } from '@rental/result';
import type { Capacity } from '../../domain/capacity';
import type { InstallCredentials } from '../../domain/machine-credentials';

/**
 * The port a datacentre implements to build, start and wipe machines. The simulated driver and
 * real ones live in infrastructure; the machine job worker sees only this.
 *
 * Calls may be repeated for the same machine (a retry after a crash cannot know whether the
 * first call landed), so an implementation must treat a repeat as success when the work is done.
 * Releasing capacity and addresses is not here: those belong to this service, not the datacentre.
 */
export abstract class DatacentreDriver {
  /** Reserves the machine's resources on its host. */
  abstract allocate(machine: DriverMachine): Promise<DriverResult>;
  /** Writes the image to the machine's disk with the network and the customer's credentials. */
  abstract installImage(machine: DriverMachine, credentials: InstallCredentials): Promise<DriverResult>;
  /** Starts the machine and waits until it answers on its address. */
  abstract boot(machine: DriverMachine): Promise<DriverResult>;
  /** Powers the machine off; the customer loses access from here on. */
  abstract stop(machine: DriverMachine): Promise<DriverResult>;
  /** Erases the machine's disk, so nothing of the customer's data is left for the next tenant. */
  abstract wipe(machine: DriverMachine): Promise<DriverResult>;
  /** Removes the machine and frees its resources on the host. */
  abstract destroy(machine: DriverMachine): Promise<DriverResult>;
}

/** What a driver is told about the machine it works on. */
export interface DriverMachine {
  readonly machineId: string;
  readonly orderId: string;
  readonly hostId: string;
  readonly locationCode: string;
  readonly resources: Capacity;
  readonly imageCode: string;
  readonly ipAddress: string;
  readonly hostname: string;
}

/** The work is done; `detail` is for the step's log only. */
export interface DriverSuccess {
  readonly detail?: string;
}

/**
 * Why the datacentre could not do it. `reason` is a short machine-readable code
 * (`host_unreachable`, `timeout`, `image_not_found`, ...); `retryable` says whether trying again
 * can help, which decides between a new attempt and giving up.
 */
export interface DriverFailure {
  readonly reason: string;
  readonly retryable: boolean;
  readonly detail?: string;
}

export type DriverResult = Result<DriverSuccess, DriverFailure>;

export type DriverOperation = keyof DatacentreDriver;
