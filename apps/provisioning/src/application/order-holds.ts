import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HostEvent } from '../domain/host-events';
import { HostRepository } from '../infrastructure/host.repository';
import type { OrderRequestEntity } from '../infrastructure/persistence/order-request.entity';

/** The kind of the durable timer armed with each hold, due when the hold lapses unpaid. */
export const HOLD_EXPIRY_TIMER = 'provisioning.hold-expiry';

export interface HoldExpiryPayload extends Record<string, unknown> {
  orderId: string;
}

/** The kind of the durable timer armed when an order is paid ahead of its time, due when its provisioning starts. */
export const PROVISIONING_START_TIMER = 'provisioning.start';

export interface ProvisioningStartPayload extends Record<string, unknown> {
  orderId: string;
}

/** Gives an order's hold back to its hosts, for a cancellation or the end of the payment window. */
@Injectable()
export class OrderHolds {
  constructor(private readonly hosts: HostRepository) {}

  /**
   * Drops what is left of the hold on every host of the location. A host may have dropped its
   * part already, when another order's hold found it lapsed: that part is simply gone.
   */
  async release(manager: EntityManager, request: OrderRequestEntity, at: Date): Promise<void> {
    const holdId = request.holdId as string;
    const hosts = await this.hosts.lockLocation(manager, request.locationCode);
    const events: HostEvent[] = hosts.flatMap((host) => {
      const released = host.releaseHold(holdId, at);
      return released.ok ? released.value : [];
    });
    await this.hosts.record(manager, events);
  }
}
