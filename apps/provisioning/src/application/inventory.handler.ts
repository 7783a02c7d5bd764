import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import {
  type EventEnvelope,
  hostCapacityChangedV1,
  hostMaintenanceScheduledV1,
  hostRegisteredV1,
  hostRetiredV1,
  inventoryChangeAppliedV1,
  inventoryChangeRejectedV1,
  ipRangeAddedV1,
  ipRangeRemovedV1,
  type PayloadOf,
} from '@rental/contracts';
import { EventContext, HandleEvent, RejectInvalid } from '@rental/messaging';
import type { HostEvent } from '../domain/host-events';
import {
  addIpRange,
  changeHostCapacity,
  type InventoryDecision,
  registerHost,
  removeIpRange,
  retireHost,
  scheduleHostMaintenance,
} from '../domain/inventory-change';
import type { IpPoolEvent } from '../domain/ip-pool';
import { HostRepository } from '../infrastructure/host.repository';
import { IpPoolRepository } from '../infrastructure/ip-pool.repository';
import { OrderRequestRepository } from '../infrastructure/order-request.repository';

type SourceType = PayloadOf<typeof inventoryChangeAppliedV1>['sourceType'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The datacentre inventory's events: hosts and address ranges as provisioning places machines on
 * them. Each event is decided under the lock of what it changes (the host row, or the location's
 * range rows), so a reservation racing it sees the host or pool before or after, never half; and
 * each is answered, in the same transaction, by inventory-change.applied or .rejected, keyed by
 * the host or range id so that the answers about one host keep their order.
 */
@Injectable()
export class InventoryHandler {
  private readonly logger = new Logger(InventoryHandler.name);

  constructor(
    private readonly hosts: HostRepository,
    private readonly pools: IpPoolRepository,
    private readonly orders: OrderRequestRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(hostRegisteredV1)
  async onHostRegistered(event: EventEnvelope<PayloadOf<typeof hostRegisteredV1>>, ctx: EventContext): Promise<void> {
    const { hostId, locationCode, capacity } = event.payload;
    const now = this.clock.now();
    const [existing] = await this.hosts.lockHosts(ctx.manager, [hostId]);
    const decision = registerHost(existing ?? null, { id: hostId, locationCode, total: capacity }, now);
    await this.answerHost(ctx, hostId, decision, now);
  }

  @HandleEvent(hostCapacityChangedV1)
  async onHostCapacityChanged(event: EventEnvelope<PayloadOf<typeof hostCapacityChangedV1>>, ctx: EventContext): Promise<void> {
    const { hostId, capacity } = event.payload;
    const now = this.clock.now();
    const [host] = await this.hosts.lockHosts(ctx.manager, [hostId]);
    await this.answerHost(ctx, hostId, changeHostCapacity(host ?? null, hostId, capacity, now), now);
  }

  @HandleEvent(hostMaintenanceScheduledV1)
  async onHostMaintenanceScheduled(
    event: EventEnvelope<PayloadOf<typeof hostMaintenanceScheduledV1>>,
    ctx: EventContext,
  ): Promise<void> {
    const { hostId, from, reason } = event.payload;
    const now = this.clock.now();
    const [host] = await this.hosts.lockHosts(ctx.manager, [hostId]);
    await this.answerHost(ctx, hostId, scheduleHostMaintenance(host ?? null, hostId, new Date(from), reason, now), now);
  }

  @HandleEvent(hostRetiredV1)
  async onHostRetired(event: EventEnvelope<PayloadOf<typeof hostRetiredV1>>, ctx: EventContext): Promise<void> {
    const { hostId } = event.payload;
    const now = this.clock.now();
    const [host] = await this.hosts.lockHosts(ctx.manager, [hostId]);
    await this.answerHost(ctx, hostId, retireHost(host ?? null, hostId, now), now);
  }

  @HandleEvent(ipRangeAddedV1)
  async onIpRangeAdded(event: EventEnvelope<PayloadOf<typeof ipRangeAddedV1>>, ctx: EventContext): Promise<void> {
    const { rangeId, locationCode, cidr } = event.payload;
    const { manager } = ctx;
    const now = this.clock.now();
    const pool = await this.pools.lock(manager, locationCode);
    const context = {
      sameId: await this.pools.findRange(manager, rangeId),
      live: await this.pools.liveRanges(manager),
      hostsInService: await this.hosts.inService(manager, locationCode),
    };
    await this.answerRange(ctx, rangeId, addIpRange({ rangeId, locationCode, cidr }, context, pool, now), now);
  }

  @HandleEvent(ipRangeRemovedV1)
  async onIpRangeRemoved(event: EventEnvelope<PayloadOf<typeof ipRangeRemovedV1>>, ctx: EventContext): Promise<void> {
    const { rangeId } = event.payload;
    const { manager } = ctx;
    const now = this.clock.now();
    const range = await this.pools.findRange(manager, rangeId);
    // The pool is locked before the holds are counted: a reservation in the location waits for this
    // decision and then sees the smaller pool, or has committed its hold before the count.
    const removal =
      range === null
        ? null
        : {
            range,
            pool: await this.pools.lock(manager, range.locationCode),
            addressNeeds: await this.orders.addressNeeds(manager, range.locationCode, now),
          };
    await this.answerRange(ctx, rangeId, removeIpRange(rangeId, removal, now), now);
  }

  /**
   * A message of an inventory contract that broke it: answered with invalid_event, naming the host
   * or range when the raw payload holds a readable id, then dead-lettered by the consumer.
   */
  @RejectInvalid(hostRegisteredV1, hostCapacityChangedV1, hostMaintenanceScheduledV1, hostRetiredV1, ipRangeAddedV1, ipRangeRemovedV1)
  async onInvalidInventoryEvent(event: EventEnvelope<unknown>, problem: string, ctx: EventContext): Promise<void> {
    const payload = typeof event.payload === 'object' && event.payload !== null ? (event.payload as Record<string, unknown>) : {};
    const subjectId = [payload.hostId, payload.rangeId].find((value): value is string => typeof value === 'string' && UUID.test(value));
    await ctx.publish(inventoryChangeRejectedV1, subjectId ?? event.key, {
      sourceEventId: event.id,
      sourceType: event.type as SourceType,
      ...(subjectId === undefined ? {} : { subjectId }),
      reason: 'invalid_event',
      detail: problem,
      rejectedAt: this.clock.now().toISOString(),
    });
  }

  private async answerHost(ctx: EventContext, hostId: string, decision: InventoryDecision<HostEvent>, at: Date): Promise<void> {
    if (decision.outcome === 'applied') await this.hosts.record(ctx.manager, decision.events);
    await this.answer(ctx, hostId, decision, at);
  }

  private async answerRange(ctx: EventContext, rangeId: string, decision: InventoryDecision<IpPoolEvent>, at: Date): Promise<void> {
    if (decision.outcome === 'applied') await this.pools.record(ctx.manager, decision.events);
    await this.answer(ctx, rangeId, decision, at);
  }

  private async answer(ctx: EventContext, subjectId: string, decision: InventoryDecision<unknown>, at: Date): Promise<void> {
    const source = { sourceEventId: ctx.event.id, sourceType: ctx.event.type as SourceType, subjectId };
    if (decision.outcome === 'applied') {
      await ctx.publish(inventoryChangeAppliedV1, subjectId, { ...source, detail: decision.detail, appliedAt: at.toISOString() });
      return;
    }
    this.logger.warn(`${ctx.event.type} ${ctx.event.id} rejected (${decision.reason}): ${decision.detail}`);
    await ctx.publish(inventoryChangeRejectedV1, subjectId, {
      ...source,
      reason: decision.reason,
      detail: decision.detail,
      rejectedAt: at.toISOString(),
    });
  }
}
