import type { Transaction } from '@rental/persistence';
import type { Host } from '../../domain/host';
import type { HostEvent } from '../../domain/host-events';

/**
 * The datacentre's hosts as provisioning places machines on them: each with the capacity held for
 * unpaid or waiting orders and the capacity allocated to machines. Every call runs in the caller's
 * transaction. Every load locks the hosts it returns (in id order, so two lockers never deadlock):
 * whoever decides about a host's free capacity holds that host until its transaction ends. Callers
 * lock hosts first, then a location's address pool (IpPoolStore).
 */
export abstract class HostStore {
  /** Every host of the location, locked. */
  abstract lockLocation(tx: Transaction, locationCode: string): Promise<Host[]>;

  /** The hosts with these ids, each once however often named, locked. */
  abstract lockHosts(tx: Transaction, hostIds: readonly string[]): Promise<Host[]>;

  /** How many hosts of the location are not retired (not locked). */
  abstract inService(tx: Transaction, locationCode: string): Promise<number>;

  /** The host a machine's capacity is allocated on, if it has any (not locked). */
  abstract hostOfMachine(tx: Transaction, machineId: string): Promise<string | null>;

  /** Stores what the domain's events say changed, and only that. */
  abstract record(tx: Transaction, events: readonly HostEvent[]): Promise<void>;
}
