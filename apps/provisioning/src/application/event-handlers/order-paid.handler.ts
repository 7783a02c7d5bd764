import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, machineProvisioningFailedV1, orderPaidV1, type PayloadOf } from '@rental/contracts';
import { EventContext, type EventOrigin, HandleEvent } from '@rental/messaging';
import type { Transaction } from '@rental/persistence';
import { type ArmedTimer, DurableTimers, OnTimer, TimerContext } from '@rental/timers';
import { intervalOf } from '../../domain/calendar';
import type { Host } from '../../domain/host';
import type { HostEvent } from '../../domain/host-events';
import type { IpPool, IpPoolEvent } from '../../domain/ip-pool';
import { Machine } from '../../domain/machine';
import { holdAgainPaid, payOrderHold, takeOrderHold } from '../../domain/order-hold';
import { machineResources, type OrderRequest } from '../../domain/order-request';
import { HOLD_EXPIRY_TIMER, PROVISIONING_START_TIMER, type ProvisioningStartPayload } from '../common/provisioning-timers';
import { HostStore } from '../ports/host-store';
import { IpPoolStore } from '../ports/ip-pool-store';
import { MachineStore } from '../ports/machine-store';
import { OrderRequestStore } from '../ports/order-request-store';

/**
 * order.paid and the provisioning start it may wait for: turns the order's hold into machines,
 * each with its share of a host (an allocation) and an address from the location's pool, and
 * leaves them requested; their jobs run in workers/machine-job.worker.ts, which NOTIFY wakes once
 * the transaction commits. Paid ahead of its time (provisionAt later than now), the order keeps its
 * hold, paid and no longer lapsing, and a durable timer builds the machines at provisionAt, so that
 * they run when the rental begins. Nothing slow happens here: the datacentre is never called inside a transaction.
 */
@Injectable()
export class OrderPaidHandler {
  private readonly logger = new Logger(OrderPaidHandler.name);

  constructor(
    private readonly hosts: HostStore,
    private readonly pools: IpPoolStore,
    private readonly orders: OrderRequestStore,
    private readonly machines: MachineStore,
    private readonly timers: DurableTimers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(orderPaidV1)
  async onOrderPaid(event: EventEnvelope<PayloadOf<typeof orderPaidV1>>, ctx: EventContext): Promise<void> {
    const { orderId, provisionAt } = event.payload;
    const { manager } = ctx;
    // The payment window no longer matters. Disarmed before the order is locked, in the order the
    // timer runner takes the two locks when it fires the timer, so that the two never deadlock.
    await this.timers.cancel(manager, HOLD_EXPIRY_TIMER, orderId);
    const request = await this.orders.lock(manager, orderId);
    // Events of one order share a partition, so order.placed was handled first: missing means it never came.
    if (request === null) throw new Error(`order ${orderId} was paid, but provisioning never received its order.placed`);
    if (request.status !== 'reserved' && request.status !== 'expired') {
      // scheduled, paid: a copy of order.paid under another event id; unavailable/failed: nothing was held to build from;
      // cancelled/ended: whatever was held has been given back and the order is over.
      this.logger.warn(`order.paid for order ${orderId} ignored: its request is ${request.status}`);
      return;
    }

    const now = this.clock.now();
    const hosts = await this.hosts.lockLocation(manager, request.locationCode);
    const pool = await this.pools.lock(manager, request.locationCode);
    const paid = payOrderHold(hosts, request.holdId as string, now);
    const held = paid !== null ? { ok: true as const, events: paid } : await this.holdAgain(manager, hosts, pool, request, now);
    if (!held.ok) {
      await this.giveUp(ctx, request, held.detail, now);
      return;
    }
    // An older producer does not say when: provisioning starts at once, as it always did.
    const startAt = provisionAt === undefined ? now : new Date(provisionAt);
    if (startAt.getTime() > now.getTime()) {
      await this.hosts.record(manager, held.events);
      await this.orders.update(manager, orderId, { status: 'scheduled' }, now);
      const payload: ProvisioningStartPayload = { orderId };
      await this.timers.schedule(manager, {
        kind: PROVISIONING_START_TIMER,
        key: orderId,
        dueAt: startAt,
        payload,
        correlationId: event.correlationId,
      });
      return;
    }
    await this.build(manager, hosts, pool, request, held.events, { correlationId: event.correlationId, causationId: event.id }, now);
  }

  @OnTimer(PROVISIONING_START_TIMER)
  async onProvisioningStart(timer: ArmedTimer<ProvisioningStartPayload>, ctx: TimerContext): Promise<void> {
    const { orderId } = timer.payload;
    const { manager } = ctx;
    const request = await this.orders.lock(manager, orderId);
    // A cancellation disarms this timer before it locks the order, so it finds the order scheduled
    // or never fires; anything else is a bug to look at, not a reason to fire again and again.
    if (request === null || request.status !== 'scheduled') {
      this.logger.error(`provisioning of order ${orderId} was due, but its request is ${request?.status ?? 'missing'}`);
      return;
    }
    const now = this.clock.now();
    const hosts = await this.hosts.lockLocation(manager, request.locationCode);
    const pool = await this.pools.lock(manager, request.locationCode);
    await this.build(manager, hosts, pool, request, [], { correlationId: timer.correlationId ?? timer.id }, now);
  }

  /** The machines, from the order's paid hold, with their allocations and addresses; `events` are the hosts' changes so far. */
  private async build(
    manager: Transaction,
    hosts: readonly Host[],
    pool: IpPool,
    request: OrderRequest,
    events: readonly HostEvent[],
    origin: EventOrigin,
    now: Date,
  ): Promise<void> {
    const { orderId } = request;
    const taken = takeOrderHold(
      hosts,
      { holdId: request.holdId as string, orderId, resources: machineResources(request), quantity: request.quantity },
      randomUUID,
      now,
    );
    const poolEvents: IpPoolEvent[] = [];
    for (const { machineId } of taken.machines) {
      const address = pool.allocate(machineId, now);
      // Addresses were counted when the hold was placed (or placed again after it lapsed).
      if (!address.ok) throw new Error(`IP pool ${request.locationCode} ran out while building order ${orderId}`);
      poolEvents.push(...address.value.events);
    }
    await this.hosts.record(manager, [...events, ...taken.events]);
    await this.pools.record(manager, poolEvents);
    for (const { machineId } of taken.machines) {
      const requested = Machine.request(
        {
          id: machineId,
          orderId,
          locationCode: request.locationCode,
          resources: machineResources(request),
          imageCode: request.imageCode,
          credentials: request.sshPublicKey === null ? { kind: 'root_password' } : { kind: 'ssh_key', publicKey: request.sshPublicKey },
        },
        now,
      );
      // The key was checked when the order was placed.
      if (!requested.ok) throw new Error(`order ${orderId}: stored SSH key refused: ${requested.error.detail}`);
      await this.machines.insert(manager, requested.value, origin, now);
    }
    await this.orders.update(manager, orderId, { status: 'paid' }, now);
  }

  /** The payment came after the hold lapsed: the room is taken again if it is still there (see holdAgainPaid). */
  private async holdAgain(manager: Transaction, hosts: readonly Host[], pool: IpPool, request: OrderRequest, now: Date) {
    const addressNeeds = await this.orders.addressNeeds(manager, request.locationCode, now);
    return holdAgainPaid(
      hosts,
      pool,
      addressNeeds,
      {
        holdId: request.holdId as string,
        orderId: request.orderId,
        locationCode: request.locationCode,
        resources: machineResources(request),
        quantity: request.quantity,
        occupies: intervalOf(request.provisioningFrom, request.periodEnd),
      },
      now,
    );
  }

  /**
   * Paid, but nothing is left to build on. There is no contract for "capacity lost after payment",
   * so each machine the order would have had is reported as failed: that is the fact the order
   * service turns into a refund, a credit note and an apology.
   */
  private async giveUp(ctx: EventContext, request: OrderRequest, detail: string, now: Date): Promise<void> {
    this.logger.warn(`order ${request.orderId} was paid but cannot be built: ${detail}`);
    await this.orders.update(ctx.manager, request.orderId, { status: 'failed', detail }, now);
    for (let machine = 0; machine < request.quantity; machine += 1) {
      await ctx.publish(machineProvisioningFailedV1, request.orderId, {
        orderId: request.orderId,
        machineId: randomUUID(),
        attempts: 1,
        reason: `no_capacity: ${detail}`,
        failedAt: now.toISOString(),
      });
    }
  }
}
