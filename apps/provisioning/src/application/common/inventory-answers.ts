import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, inventoryChangeAppliedV1, inventoryChangeRejectedV1, type PayloadOf } from '@rental/contracts';
import type { EventContext } from '@rental/messaging';
import type { HostEvent } from '../../domain/host-events';
import type { InventoryDecision } from '../../domain/inventory-change';
import type { IpPoolEvent } from '../../domain/ip-pool';
import { HostStore } from '../ports/host-store';
import { IpPoolStore } from '../ports/ip-pool-store';

type SourceType = PayloadOf<typeof inventoryChangeAppliedV1>['sourceType'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How provisioning answers the datacentre inventory's events (hosts and address ranges as it places
 * machines on them). Each event is decided under the lock of what it changes (the host row, or the
 * location's range rows), so a reservation racing it sees the host or pool before or after, never
 * half; and each is answered, in the same transaction, by inventory-change.applied or .rejected,
 * keyed by the host or range id so that the answers about one host keep their order.
 */
@Injectable()
export class InventoryAnswers {
  private readonly logger = new Logger(InventoryAnswers.name);

  constructor(
    private readonly hosts: HostStore,
    private readonly pools: IpPoolStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Stores an applied host change, and answers the event that asked for it. */
  async answerHost(ctx: EventContext, hostId: string, decision: InventoryDecision<HostEvent>, at: Date): Promise<void> {
    if (decision.outcome === 'applied') await this.hosts.record(ctx.manager, decision.events);
    await this.answer(ctx, hostId, decision, at);
  }

  /** Stores an applied change to a location's address pool, and answers the event that asked for it. */
  async answerRange(ctx: EventContext, rangeId: string, decision: InventoryDecision<IpPoolEvent>, at: Date): Promise<void> {
    if (decision.outcome === 'applied') await this.pools.record(ctx.manager, decision.events);
    await this.answer(ctx, rangeId, decision, at);
  }

  /**
   * A message of an inventory contract that broke it: answered with invalid_event, naming the host
   * or range when the raw payload holds a readable id, then dead-lettered by the consumer.
   */
  async rejectInvalid(event: EventEnvelope<unknown>, problem: string, ctx: EventContext): Promise<void> {
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
