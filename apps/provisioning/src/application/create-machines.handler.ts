import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, machineProvisioningFailedV1, orderPaidV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { type Capacity, isZeroCapacity } from '../domain/capacity';
import type { Host, HostEvent } from '../domain/host';
import type { IpPool, IpPoolEvent } from '../domain/ip-pool';
import { Machine } from '../domain/machine';
import { placeMachines } from '../domain/placement';
import { HostRepository } from '../infrastructure/host.repository';
import { IpPoolRepository } from '../infrastructure/ip-pool.repository';
import { MachineRepository } from '../infrastructure/machine.repository';
import { OrderRequestRepository } from '../infrastructure/order-request.repository';
import type { OrderRequestEntity } from '../infrastructure/persistence/order-request.entity';
import { PROVISIONING_SETTINGS, type ProvisioningSettings } from '../provisioning-settings';

interface PlannedMachine {
  machineId: string;
  hostId: string;
}

/**
 * order.paid: turns the order's hold into machines, each with its share of a host (an allocation)
 * and an address from the location's pool, and leaves them requested for the job runner, which
 * NOTIFY wakes once this transaction commits. Nothing slow happens here: the datacentre is never
 * called inside an event's transaction.
 */
@Injectable()
export class CreateMachinesHandler {
  private readonly logger = new Logger(CreateMachinesHandler.name);

  constructor(
    private readonly hosts: HostRepository,
    private readonly pools: IpPoolRepository,
    private readonly orders: OrderRequestRepository,
    private readonly machines: MachineRepository,
    @Inject(PROVISIONING_SETTINGS) private readonly settings: ProvisioningSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(orderPaidV1)
  async onOrderPaid(event: EventEnvelope<PayloadOf<typeof orderPaidV1>>, ctx: EventContext): Promise<void> {
    const { orderId } = event.payload;
    const { manager } = ctx;
    const request = await this.orders.lock(manager, orderId);
    // Events of one order share a partition, so order.placed was handled first: missing means it never came.
    if (request === null) throw new Error(`order ${orderId} was paid, but provisioning never received its order.placed`);
    if (request.status !== 'reserved' && request.status !== 'expired') {
      // paid: a copy of order.paid under another event id; unavailable/failed: nothing was held to build from;
      // cancelled/ended: whatever was held has been given back and the order is over.
      this.logger.warn(`order.paid for order ${orderId} ignored: its request is ${request.status}`);
      return;
    }

    const now = this.clock.now();
    const hosts = await this.hosts.lockLocation(manager, request.locationCode);
    const pool = await this.pools.lock(manager, request.locationCode);
    const taken = this.takeHold(hosts, request, now) ?? (await this.holdAgain(ctx, hosts, pool, request, now));
    if (!taken.ok) {
      await this.giveUp(ctx, request, taken.detail, now);
      return;
    }

    const poolEvents: IpPoolEvent[] = [];
    for (const { machineId } of taken.machines) {
      const address = pool.allocate(machineId, now);
      // Addresses were counted when the hold was placed (or placed again just now).
      if (!address.ok) throw new Error(`IP pool ${request.locationCode} ran out while building order ${orderId}`);
      poolEvents.push(...address.value.events);
    }
    await this.hosts.record(manager, taken.events);
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
      await this.machines.insert(manager, requested.value, { correlationId: event.correlationId, causationId: event.id }, now);
    }
    await this.orders.update(manager, orderId, { status: 'paid' }, now);
  }

  /** Allocates every machine from the order's hold, or null when the hold has lapsed. */
  private takeHold(
    hosts: readonly Host[],
    request: OrderRequestEntity,
    now: Date,
  ): { ok: true; machines: PlannedMachine[]; events: HostEvent[] } | null {
    const holdId = request.holdId as string;
    const holding = hosts.filter((host) =>
      host.snapshot().holds.some((hold) => hold.reservationId === holdId && hold.expiresAt.getTime() > now.getTime()),
    );
    if (holding.length === 0) return null;
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
    if (machines.length !== request.quantity) {
      throw new Error(`order ${request.orderId}: hold ${holdId} held ${machines.length} machines, not ${request.quantity}`);
    }
    return { ok: true, machines, events };
  }

  /**
   * The payment came after the hold lapsed (the order service cancels such orders, but a payment
   * can cross the deadline). If the room is still there we take it, the same way a new order would.
   */
  private async holdAgain(
    ctx: EventContext,
    hosts: readonly Host[],
    pool: IpPool,
    request: OrderRequestEntity,
    now: Date,
  ): Promise<{ ok: true; machines: PlannedMachine[]; events: HostEvent[] } | { ok: false; detail: string }> {
    const events: HostEvent[] = hosts.flatMap((host) => host.expireHolds(now).events);
    const placement = placeMachines(
      hosts.map((host) => host.placementCandidate(now)),
      { locationCode: request.locationCode, resources: resourcesOf(request), quantity: request.quantity },
    );
    if (!placement.ok) return { ok: false, detail: `the hold lapsed before payment and ${placement.error.detail}` };
    const addresses = pool.freeCount() - (await this.orders.heldMachines(ctx.manager, request.locationCode, now));
    if (addresses < request.quantity) {
      return { ok: false, detail: `the hold lapsed before payment and only ${Math.max(addresses, 0)} IP addresses are free` };
    }
    // Lives only until the allocations below use it up, in this same transaction.
    const expiresAt = new Date(now.getTime() + this.settings.paymentWindowMinutes * 60_000);
    for (const assignment of placement.value.assignments) {
      const host = hosts.find((candidate) => candidate.id === assignment.hostId) as Host;
      const held = host.placeHold(
        { reservationId: request.holdId as string, orderId: request.orderId, resources: assignment.resources, expiresAt },
        now,
      );
      if (!held.ok) throw new Error(`host ${host.id} refused a hold placement chose it for: ${JSON.stringify(held.error)}`);
      events.push(...held.value);
    }
    const taken = this.takeHold(hosts, request, now);
    if (taken === null) throw new Error(`order ${request.orderId}: the hold placed again is not there`);
    return { ...taken, events: [...events, ...taken.events] };
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
