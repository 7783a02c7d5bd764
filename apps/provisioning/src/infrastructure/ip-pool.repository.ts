import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type EntityManager, IsNull } from 'typeorm';
import { IpPoolStore } from '../application/ports/ip-pool-store';
import type { KnownRange } from '../domain/inventory-change';
import { IpPool, type IpPoolEvent } from '../domain/ip-pool';
import { IpAddressEntity } from './persistence/ip-address.entity';
import { IpRangeEntity } from './persistence/ip-range.entity';

/**
 * The locations' IP pools (IpPoolStore). Loading locks the location's range rows, so two
 * transactions never pick the same lowest free address; the address primary key would refuse a
 * second taker anyway. A removed range keeps its row, with removed_at set; the exclusion
 * constraint on live ranges refuses an overlapping one.
 */
@Injectable()
export class IpPoolRepository implements IpPoolStore {
  async lock(manager: EntityManager, locationCode: string): Promise<IpPool> {
    const ranges = await manager
      .createQueryBuilder(IpRangeEntity, 'range')
      .where('range.location_code = :locationCode', { locationCode })
      .andWhere('range.removed_at IS NULL')
      .orderBy('range.id')
      .setLock('pessimistic_write')
      .getMany();
    const allocations = await manager.find(IpAddressEntity, { where: { locationCode } });
    return IpPool.restore({
      locationCode,
      ranges: ranges.map((range) => range.cidr),
      allocations: allocations.map((row) => ({ address: row.address, machineId: row.machineId })),
    });
  }

  async findRange(manager: EntityManager, rangeId: string): Promise<KnownRange | null> {
    const row = await manager.findOne(IpRangeEntity, { where: { id: rangeId } });
    return row === null ? null : knownRange(row);
  }

  async liveRanges(manager: EntityManager): Promise<KnownRange[]> {
    const rows = await manager.find(IpRangeEntity, { where: { removedAt: IsNull() }, order: { id: 'ASC' } });
    return rows.map(knownRange);
  }

  async record(manager: EntityManager, events: readonly IpPoolEvent[]): Promise<void> {
    for (const event of events) {
      switch (event.type) {
        case 'ip-pool.address-allocated':
          await manager.insert(IpAddressEntity, {
            address: event.address,
            locationCode: event.locationCode,
            machineId: event.machineId,
            allocatedAt: event.at,
          });
          break;
        case 'ip-pool.address-released':
          await manager.delete(IpAddressEntity, { machineId: event.machineId });
          break;
        case 'ip-pool.created':
          for (const range of event.ranges) await this.insertRange(manager, randomUUID(), event.locationCode, range, event.at);
          break;
        case 'ip-pool.range-added':
          await this.insertRange(manager, event.rangeId, event.locationCode, event.range, event.at);
          break;
        case 'ip-pool.range-removed':
          await manager.update(IpRangeEntity, { id: event.rangeId, removedAt: IsNull() }, { removedAt: event.at });
          break;
      }
    }
  }

  private async insertRange(manager: EntityManager, id: string, locationCode: string, cidr: string, at: Date): Promise<void> {
    await manager.insert(IpRangeEntity, { id, locationCode, cidr, addedAt: at, removedAt: null });
  }
}

function knownRange(row: IpRangeEntity): KnownRange {
  return { id: row.id, locationCode: row.locationCode, cidr: row.cidr, removedAt: row.removedAt };
}
