import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, machineProvisioningFailedV1, orderPaidV1, type PayloadOf } from '@rental/contracts';
import { EventContext, type EventOrigin, HandleEvent } from '@rental/messaging';
import { type ArmedTimer, DurableTimers, OnTimer, TimerContext } from '@rental/timers';
import type { EntityManager } from 'typeorm';
import { intervalOf } from '../domain/calendar';
import { type Capacity, isZeroCapacity } from '../domain/capacity';
import type { Host } from '../domain/host';
import type { HostEvent } from '../domain/host-events';
import type { IpPool, IpPoolEvent } from '../domain/ip-pool';
import { Machine } from '../domain/machine';
import { placeMachines } from '../domain/placement';
import { HostRepository } from '../infrastructure/host.repository';
import { IpPoolRepository } from '../infrastructure/ip-pool.repository';
import { MachineRepository } from '../infrastructure/machine.repository';
import { OrderRequestRepository } from '../infrastructure/order-request.repository';
import type { OrderRequestEntity } from '../infrastructure/persistence/order-request.entity';
import { HOLD_EXPIRY_TIMER, PROVISIONING_START_TIMER, type ProvisioningStartPayload } from './order-holds';

interface PlannedMachine {
  machineId: string;
  hostId: string;
}

type HoldOutcome = { ok: true; events: HostEvent[] } | { ok: false; detail: string };

/**
 * order.paid and the provisioning start it may wait for: turns the order's hold into machines,
 * each with its share of a host (an allocation) and an address from the location's pool, and
 * leaves them requested for the job runner, which NOTIFY wakes once the transaction commits. Paid
 * ahead of its time (provisionAt later than now), the order keeps its hold, paid and no longer
 * lapsing, and a durable timer builds the machines at provisionAt, so that they run when the
 * rental begins. Nothing slow happens here: the datacentre is never called inside a transaction.
 */
@Injectable()
export class CreateMachinesHandler {
  private readonly logger = new Logger(CreateMachinesHandler.name);

  constructor(
    private readonly hosts: HostRepository,
    private readonly pools: IpPoolRepository,
    private readonly orders: OrderRequestRepository,
    private readonly machines: MachineRepository,
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
    const held = this.payHold(hosts, request, now) ?? (await this.holdAgain(ctx, hosts, pool, request, now));
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
    manager: EntityManager,
    hosts: readonly Host[],
    pool: IpPool,
    request: OrderRequestEntity,
    events: readonly HostEvent[],
    origin: EventOrigin,
    now: Date,
  ): Promise<void> {
    const { orderId } = request;
    const taken = this.takeHold(hosts, request, now);
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
          resources: resourcesOf(request),
          imageCode: request.imageCode,
          credentials:
            request.sshPublicKey === null ? { kind: 'root_password' } : { kind: 'ssh_key', publicKey: request.sshPublicKey },
        },
        now,
      );
      // The key was checked when the order was placed.
      if (!requested.ok) throw new Error(`order ${orderId}: stored SSH key refused: ${requested.error.detail}`);
      await this.machines.insert(manager, requested.value, origin, now);
    }
    await this.orders.update(manager, orderId, { status: 'paid' }, now);
  }

  /** Marks the order's live hold paid on every host it spans, or null when it has lapsed. */
  private payHold(hosts: readonly Host[], request: OrderRequestEntity, now: Date): HoldOutcome | null {
    const holdId = request.holdId as string;
    const paid = hosts.map((host) => host.payHold(holdId, now));
    const events = paid.flatMap((result) => (result.ok ? result.value : []));
    return paid.some((result) => result.ok) ? { ok: true, events } : null;
  }

  /** Allocates every machine from the order's paid hold. */
  private takeHold(hosts: readonly Host[], request: OrderRequestEntity, now: Date): { machines: PlannedMachine[]; events: HostEvent[] } {
    const holdId = request.holdId as string;
    const holding = hosts.filter((host) => host.snapshot().holds.some((hold) => hold.reservationId === holdId));
    const machines: PlannedMachine[] = [];
    const events: HostEvent[] = [];
    for (const host of holding) {
      // A host's part of the hold is a whole number of machines: take one at a time until it is used up.
      for (let usedUp = false; !usedUp; ) {
        const machineId = randomUUID();
        const allocated = host.allocate({ reservationId: holdId, machineId, resources: resourcesOf(request) }, now);
        if (!allocated.ok) throw new Error(`order ${request.orderId}: hold ${holdId} refused a machine: ${JSON.stringify(allocated.error)}`);
        events.push(...allocated.value);
        machines.push({ machineId, hostId: host.id });
        usedUp = allocated.value.some((e) => e.type === 'host.capacity-allocated' && isZeroCapacity(e.remainingHold));
      }
    }
    // A paid hold never lapses and only a cancellation releases it, which leaves nothing to build.
    if (machines.length !== request.quantity) {
      throw new Error(`order ${request.orderId}: hold ${holdId} held ${machines.length} machines, not ${request.quantity}`);
    }
    return { machines, events };
  }

  /**
   * The payment came after the hold lapsed (the order service cancels such orders, but a payment
   * can cross the deadline). If the room is still there over the rental's time, we take it the
   * same way a new order would, as a paid hold.
   */
  private async holdAgain(
    ctx: EventContext,
    hosts: readonly Host[],
    pool: IpPool,
    request: OrderRequestEntity,
    now: Date,
  ): Promise<HoldOutcome> {
    const events: HostEvent[] = hosts.flatMap((host) => host.expireHolds(now).events);
    const occupies = intervalOf(request.provisioningFrom, request.periodEnd);
    const placement = placeMachines(
      hosts.map((host) => host.placementCandidate(occupies, now)),
      { locationCode: request.locationCode, resources: resourcesOf(request), quantity: request.quantity },
    );
    if (!placement.ok) return { ok: false, detail: `the hold lapsed before payment and ${placement.error.detail}` };
    const addresses = pool.freeOver(occupies, await this.orders.addressNeeds(ctx.manager, request.locationCode, now), now);
    if (addresses < request.quantity) {
      return { ok: false, detail: `the hold lapsed before payment and only ${addresses} IP addresses are free` };
    }
    for (const assignment of placement.value.assignments) {
      const host = hosts.find((candidate) => candidate.id === assignment.hostId) as Host;
      const held = host.placeHold(
        {
          reservationId: request.holdId as string,
          orderId: request.orderId,
          resources: assignment.resources,
          occupies,
          expiresAt: null,
        },
        now,
      );
      if (!held.ok) throw new Error(`host ${host.id} refused a hold placement chose it for: ${JSON.stringify(held.error)}`);
      events.push(...held.value);
    }
    return { ok: true, events };
  }

  /**
   * Paid, but nothing is left to build on. There is no contract for "capacity lost after payment",
   * so each machine the order would have had is reported as failed: that is the fact the order
   * service turns into a refund, a credit note and an apology.
   */
  private async giveUp(ctx: EventContext, request: OrderRequestEntity, detail: string, now: Date): Promise<void> {
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

function resourcesOf(request: OrderRequestEntity): Capacity {
  return { vcpu: request.vcpu, memoryMb: request.memoryMb, diskGb: request.diskGb };
}
