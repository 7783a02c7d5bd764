import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import type { Machine } from '../../domain/machine';
import { chooseRetryHost } from '../../domain/placement';
import { HostStore } from '../ports/host-store';
import { IpPoolStore } from '../ports/ip-pool-store';
import type { MachineTarget } from '../ports/machine-store';

/** A machine's share of a host and its address, as its job moves or gives them back. */
@Injectable()
export class MachineCapacity {
  constructor(
    private readonly hosts: HostStore,
    private readonly pools: IpPoolStore,
  ) {}

  /**
   * Moves the machine's allocation to the best-fitting host of its location on which it has not
   * failed yet, if one has the room for the rest of its rental; otherwise it stays where it is.
   * Its address stays the same. The host it moved to, or null when it stayed.
   */
  async moveAway(tx: Transaction, machine: Machine, target: MachineTarget, at: Date): Promise<string | null> {
    const state = machine.snapshot();
    const hosts = await this.hosts.lockLocation(tx, state.locationCode);
    const current = hosts.find((host) => host.id === target.hostId);
    const allocation = current?.snapshot().allocations.find((candidate) => candidate.machineId === machine.id);
    if (current === undefined || allocation === undefined) throw new Error(`machine ${machine.id} has no allocation on host ${target.hostId}`);
    // The rental's whole interval: the part already past adds nothing, since whatever occupied a host then is either gone or still there.
    const { occupies } = allocation;
    const hostId = chooseRetryHost(
      hosts.map((host) => host.placementCandidate(occupies, at)),
      { locationCode: state.locationCode, resources: state.resources, failedHostIds: machine.failedHostIds },
    );
    if (hostId === null || hostId === target.hostId) return null;
    // Placement just chose `hostId` among these hosts for what is free on it, and the allocation is
    // the job's own on a host of the same location: a refusal is a bug.
    const out = current.releaseAllocation(machine.id, at);
    const into = hosts.find((host) => host.id === hostId)?.moveIn({ machineId: machine.id, orderId: state.orderId, resources: state.resources, occupies }, at);
    if (!out.ok || !into?.ok) {
      throw new Error(`machine ${machine.id} could not move from host ${target.hostId} to ${hostId}: ${JSON.stringify([out, into])}`);
    }
    await this.hosts.record(tx, [...out.value, ...into.value]);
    return hostId;
  }

  /** Gives the machine's host share and address back, so the next order can have them; the address freed, if any. */
  async release(tx: Transaction, machine: Machine, at: Date): Promise<string | undefined> {
    const hostId = await this.hosts.hostOfMachine(tx, machine.id);
    if (hostId !== null) {
      const [host] = await this.hosts.lockHosts(tx, [hostId]);
      const released = host.releaseAllocation(machine.id, at);
      if (released.ok) await this.hosts.record(tx, released.value);
    }
    const pool = await this.pools.lock(tx, machine.snapshot().locationCode);
    const freed = pool.release(machine.id, at);
    if (!freed.ok) return undefined;
    await this.pools.record(tx, freed.value);
    return freed.value.find((event) => event.type === 'ip-pool.address-released')?.address;
  }
}
