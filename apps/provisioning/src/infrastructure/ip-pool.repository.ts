import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IpPool, type IpPoolEvent } from '../domain/ip-pool';
import { IpAddressEntity } from './persistence/ip-address.entity';
import { IpRangeEntity } from './persistence/ip-range.entity';

/**
 * A location's IP pool: its ranges and the addresses given out. Loading locks the location's
 * range rows, so two transactions never pick the same lowest free address; the address primary
 * key would refuse a second taker anyway. Callers lock hosts first, then the pool.
 */
@Injectable()
export class IpPoolRepository {
  async lock(manager: EntityManager, locationCode: string): Promise<IpPool> {
    const ranges = await manager
      .createQueryBuilder(IpRangeEntity, 'range')
      .where('range.location_code = :locationCode', { locationCode })
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
          for (const range of event.ranges) await this.insertRange(manager, event.locationCode, range, event.at);
          break;
        case 'ip-pool.range-added':
          await this.insertRange(manager, event.locationCode, event.range, event.at);
          break;
      }
    }
  }

  private async insertRange(manager: EntityManager, locationCode: string, cidr: string, at: Date): Promise<void> {
    await manager.insert(IpRangeEntity, { id: randomUUID(), locationCode, cidr, addedAt: at });
  }
}
