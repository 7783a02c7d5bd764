import { Injectable } from '@nestjs/common';
import { type EntityManager, In, Not } from 'typeorm';
import { HostStore } from '../application/ports/host-store';
import type { Interval } from '../domain/calendar';
import { type Capacity, isZeroCapacity } from '../domain/capacity';
import { Host } from '../domain/host';
import type { HostEvent } from '../domain/host-events';
import { AllocationEntity } from './persistence/allocation.entity';
import { CapacityHoldEntity } from './persistence/capacity-hold.entity';
import { HostEntity } from './persistence/host.entity';

/**
 * Hosts with their holds and allocations (HostStore): loads lock the host rows FOR UPDATE in id
 * order, and the domain's events become row changes.
 */
@Injectable()
export class HostRepository implements HostStore {
  async lockLocation(manager: EntityManager, locationCode: string): Promise<Host[]> {
    const rows = await manager
      .createQueryBuilder(HostEntity, 'host')
      .where('host.location_code = :locationCode', { locationCode })
      .orderBy('host.id')
      .setLock('pessimistic_write')
      .getMany();
    return this.restore(manager, rows);
  }

  async lockHosts(manager: EntityManager, hostIds: readonly string[]): Promise<Host[]> {
    if (hostIds.length === 0) return [];
    const rows = await manager
      .createQueryBuilder(HostEntity, 'host')
      .where('host.id IN (:...hostIds)', { hostIds: [...new Set(hostIds)] })
      .orderBy('host.id')
      .setLock('pessimistic_write')
      .getMany();
    return this.restore(manager, rows);
  }

  inService(manager: EntityManager, locationCode: string): Promise<number> {
    return manager.count(HostEntity, { where: { locationCode, status: Not('retired') } });
  }

  async hostOfMachine(manager: EntityManager, machineId: string): Promise<string | null> {
    const allocation = await manager.findOne(AllocationEntity, { where: { machineId } });
    return allocation?.hostId ?? null;
  }

  async record(manager: EntityManager, events: readonly HostEvent[]): Promise<void> {
    for (const event of events) {
      switch (event.type) {
        case 'host.registered':
          await manager.insert(HostEntity, {
            id: event.hostId,
            locationCode: event.locationCode,
            ...capacity(event.total),
            status: 'active',
            registeredAt: event.at,
            maintenanceFrom: null,
          });
          break;
        case 'host.status-changed':
          await manager.update(HostEntity, { id: event.hostId }, { status: event.to });
          break;
        case 'host.capacity-changed':
          await manager.update(HostEntity, { id: event.hostId }, capacity(event.to));
          break;
        case 'host.maintenance-scheduled':
          await manager.update(HostEntity, { id: event.hostId }, { status: 'maintenance', maintenanceFrom: event.from });
          break;
        case 'host.capacity-held':
          await manager.insert(CapacityHoldEntity, {
            holdId: event.hold.reservationId,
            hostId: event.hostId,
            orderId: event.hold.orderId,
            ...capacity(event.hold.resources),
            ...occupied(event.hold.occupies),
            expiresAt: event.hold.expiresAt,
          });
          break;
        case 'host.hold-paid':
          await manager.update(CapacityHoldEntity, { holdId: event.reservationId, hostId: event.hostId }, { expiresAt: null });
          break;
        case 'host.hold-released':
        case 'host.hold-expired':
          await manager.delete(CapacityHoldEntity, { holdId: event.hold.reservationId, hostId: event.hostId });
          break;
        case 'host.capacity-allocated': {
          const hold = { holdId: event.reservationId, hostId: event.hostId };
          await manager.insert(AllocationEntity, {
            machineId: event.allocation.machineId,
            hostId: event.hostId,
            orderId: event.allocation.orderId,
            holdId: event.reservationId,
            ...capacity(event.allocation.resources),
            ...occupied(event.allocation.occupies),
            allocatedAt: event.at,
          });
          if (isZeroCapacity(event.remainingHold)) await manager.delete(CapacityHoldEntity, hold);
          else await manager.update(CapacityHoldEntity, hold, capacity(event.remainingHold));
          break;
        }
        case 'host.machine-moved-in':
          await manager.insert(AllocationEntity, {
            machineId: event.allocation.machineId,
            hostId: event.hostId,
            orderId: event.allocation.orderId,
            holdId: null,
            ...capacity(event.allocation.resources),
            ...occupied(event.allocation.occupies),
            allocatedAt: event.at,
          });
          break;
        case 'host.rental-end-moved':
          if (event.reservationIds.length > 0) {
            await manager.update(CapacityHoldEntity, { hostId: event.hostId, holdId: In([...event.reservationIds]) }, { occupiedUntil: event.until });
          }
          if (event.machineIds.length > 0) {
            await manager.update(AllocationEntity, { machineId: In([...event.machineIds]) }, { occupiedUntil: event.until });
          }
          break;
        case 'host.allocation-released':
          await manager.delete(AllocationEntity, { machineId: event.allocation.machineId });
          break;
      }
    }
  }

  private async restore(manager: EntityManager, rows: HostEntity[]): Promise<Host[]> {
    if (rows.length === 0) return [];
    const hostIds = rows.map((row) => row.id);
    // One connection per transaction: the two reads run one after the other anyway.
    const holds = await manager.find(CapacityHoldEntity, { where: { hostId: In(hostIds) } });
    const allocations = await manager.find(AllocationEntity, { where: { hostId: In(hostIds) } });
    return rows.map((row) =>
      Host.restore({
        id: row.id,
        locationCode: row.locationCode,
        total: capacity(row),
        status: row.status,
        maintenanceFrom: row.maintenanceFrom,
        holds: holds
          .filter((hold) => hold.hostId === row.id)
          .map((hold) => ({
            reservationId: hold.holdId,
            orderId: hold.orderId,
            resources: capacity(hold),
            occupies: { from: hold.occupiedFrom, until: hold.occupiedUntil },
            expiresAt: hold.expiresAt,
          })),
        allocations: allocations
          .filter((allocation) => allocation.hostId === row.id)
          .map((allocation) => ({
            machineId: allocation.machineId,
            orderId: allocation.orderId,
            resources: capacity(allocation),
            occupies: { from: allocation.occupiedFrom, until: allocation.occupiedUntil },
          })),
      }),
    );
  }
}

/** The two columns of a row that say over which time it occupies its host. */
function occupied(interval: Interval): { occupiedFrom: Date; occupiedUntil: Date | null } {
  return { occupiedFrom: interval.from, occupiedUntil: interval.until };
}

/** The three capacity columns of a row, or a row's columns from a capacity: the same names either way. */
function capacity(value: Capacity): Capacity {
  return { vcpu: value.vcpu, memoryMb: value.memoryMb, diskGb: value.diskGb };
}
