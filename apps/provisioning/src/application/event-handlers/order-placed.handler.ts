import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { capacityReservedV1, capacityUnavailableV1, type EventEnvelope, orderPlacedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { DurableTimers } from '@rental/timers';
import { type Interval, intervalOf } from '../../domain/calendar';
import type { Host } from '../../domain/host';
import type { IpPool } from '../../domain/ip-pool';
import { findRoom, placeOrderHold } from '../../domain/order-hold';
import type { Placement } from '../../domain/placement';
import { parseSshPublicKey } from '../../domain/ssh-public-key';
import { PROVISIONING_SETTINGS, type ProvisioningSettings } from '../../provisioning-settings';
import { HOLD_EXPIRY_TIMER, type HoldExpiryPayload } from '../common/provisioning-timers';
import { HostStore } from '../ports/host-store';
import { IpPoolStore } from '../ports/ip-pool-store';
import { OrderRequestStore } from '../ports/order-request-store';

type OrderPlaced = PayloadOf<typeof orderPlacedV1>;

/**
 * order.placed: hold capacity for every machine of the order over the time they will exist, from
 * when their provisioning is planned to begin to the end of the rental, or say why there is none.
 * Unpaid, the hold lapses when the payment window closes (a durable timer gives it back then).
 * Capacity we cannot promise must never be paid for, so the order's addresses count too, and the
 * location's hosts stay locked from reading their calendars to storing the hold: a second order
 * racing for the same room waits and then sees it taken.
 */
@Injectable()
export class OrderPlacedHandler {
  constructor(
    private readonly hosts: HostStore,
    private readonly pools: IpPoolStore,
    private readonly orders: OrderRequestStore,
    private readonly timers: DurableTimers,
    @Inject(PROVISIONING_SETTINGS) private readonly settings: ProvisioningSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(orderPlacedV1)
  async onOrderPlaced(event: EventEnvelope<OrderPlaced>, ctx: EventContext): Promise<void> {
    const order = event.payload;
    const { manager } = ctx;
    // Locks before the duplicate check: a copy of this order under another event id waits here,
    // then finds the first one's row instead of holding capacity twice.
    const hosts = await this.hosts.lockLocation(manager, order.locationCode);
    const pool = await this.pools.lock(manager, order.locationCode);
    if ((await this.orders.find(manager, order.orderId)) !== null) return;

    const now = this.clock.now();
    const expiresAt = new Date(Date.parse(order.placedAt) + this.settings.paymentWindowMinutes * 60_000);
    // An older producer does not say when provisioning begins: the machines are there from the start.
    const occupies = intervalOf(new Date(order.provisioningFrom ?? order.period.start), new Date(order.period.end));
    const decision = await this.decide(ctx, order, occupies, hosts, pool, now, expiresAt);
    const request = {
      orderId: order.orderId,
      locationCode: order.locationCode,
      ...order.resources,
      quantity: order.quantity,
      imageCode: order.imageCode,
      sshPublicKey: order.sshPublicKey ?? null,
      placedAt: new Date(order.placedAt),
      provisioningFrom: occupies.from,
      periodEnd: occupies.until,
    };

    if (!decision.ok) {
      await this.orders.insert(manager, { ...request, status: 'unavailable', holdId: null, holdExpiresAt: null, detail: decision.detail }, now);
      await ctx.publish(capacityUnavailableV1, order.orderId, {
        orderId: order.orderId,
        locationCode: order.locationCode,
        detail: decision.detail,
      });
      return;
    }

    const holdId = randomUUID();
    await this.hosts.record(manager, placeOrderHold(hosts, decision.placement, { holdId, orderId: order.orderId, occupies, expiresAt }, now));
    await this.orders.insert(manager, { ...request, status: 'reserved', holdId, holdExpiresAt: expiresAt, detail: null }, now);
    const payload: HoldExpiryPayload = { orderId: order.orderId };
    await this.timers.schedule(manager, {
      kind: HOLD_EXPIRY_TIMER,
      key: order.orderId,
      dueAt: expiresAt,
      payload,
      correlationId: event.correlationId,
    });
    await ctx.publish(capacityReservedV1, order.orderId, {
      orderId: order.orderId,
      holdId,
      hosts: decision.placement.assignments.map(({ hostId, machines }) => ({ hostId, machines })),
      expiresAt: expiresAt.toISOString(),
    });
  }

  private async decide(
    ctx: EventContext,
    order: OrderPlaced,
    occupies: Interval,
    hosts: readonly Host[],
    pool: IpPool,
    now: Date,
    expiresAt: Date,
  ): Promise<{ ok: true; placement: Placement } | { ok: false; detail: string }> {
    // A key that cannot be installed would only fail after payment; refusing now costs the customer nothing.
    if (order.sshPublicKey !== undefined) {
      const key = parseSshPublicKey(order.sshPublicKey);
      if (!key.ok) return { ok: false, detail: `the SSH public key cannot be installed: ${key.error.detail}` };
    }
    if (expiresAt.getTime() <= now.getTime()) {
      return { ok: false, detail: `the payment window closed at ${expiresAt.toISOString()}, before capacity could be held` };
    }
    const addressNeeds = await this.orders.addressNeeds(ctx.manager, order.locationCode, now);
    const room = findRoom(hosts, pool, addressNeeds, { ...order, occupies }, now);
    if (room.ok) return room;
    const { noRoom } = room;
    return {
      ok: false,
      detail: noRoom.lacking === 'hosts' ? noRoom.detail : `only ${noRoom.free} IP addresses are free in ${order.locationCode} for ${order.quantity} machines`,
    };
  }
}
