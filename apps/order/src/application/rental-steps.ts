import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type CANCELLATION_REASONS, orderCancelledV1, orderEndedV1 } from '@rental/contracts';
import type { LifecycleTrigger, Order, OrderEvent, TimelineNote } from '../domain/order';
import { settlementOnCancel } from '../domain/rental-end';
import { ExtensionRepository } from '../infrastructure/extension.repository';
import { type CustomerSnapshot, OrderRepository } from '../infrastructure/order.repository';
import { OrderEventPublisher } from './order-event-publisher';
import type { OrderTransaction } from './order-transaction';
import { RentalTimers } from './rental-timers';

export interface LoadedOrder {
  order: Order;
  customer: CustomerSnapshot;
}

type CancellationReason = (typeof CANCELLATION_REASONS)[number];

const CANCEL_TRIGGER: Record<CancellationReason, LifecycleTrigger> = {
  customer_cancelled: 'customer_cancelled',
  payment_window_closed: 'payment_window_closed',
  provisioning_failed: 'provisioning_failed',
};

/**
 * The moves of a rental that several handlers make (events, commands, timers): each changes the
 * order, records its timeline, publishes the facts and arms or disarms timers in one transaction.
 */
@Injectable()
export class RentalSteps {
  private readonly logger = new Logger(RentalSteps.name);

  constructor(
    private readonly orders: OrderRepository,
    private readonly extensions: ExtensionRepository,
    private readonly timeline: OrderEventPublisher,
    private readonly timers: RentalTimers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  load(tx: OrderTransaction, orderId: string): Promise<LoadedOrder | undefined> {
    return this.orders.loadForUpdate(tx.manager, orderId);
  }

  /** Moves the order; a trigger its status does not allow (late, or repeated under a new id) changes nothing. */
  async apply(tx: OrderTransaction, loaded: LoadedOrder, trigger: LifecycleTrigger, detail?: string): Promise<boolean> {
    const result = loaded.order.apply(trigger, this.clock.now(), detail);
    if (!result.ok) {
      this.logger.warn(`${trigger} ignored for order ${loaded.order.id} in ${loaded.order.status}: ${result.error.reason}`);
      return false;
    }
    await this.orders.save(tx.manager, loaded.order);
    await this.timeline.publishTimeline(tx, loaded.order.snapshot().customerId, result.value);
    return true;
  }

  async publishTimeline(tx: OrderTransaction, loaded: LoadedOrder, events: readonly OrderEvent[]): Promise<void> {
    await this.timeline.publishTimeline(tx, loaded.order.snapshot().customerId, events);
  }

  async note(tx: OrderTransaction, loaded: LoadedOrder, note: TimelineNote, detail: string): Promise<void> {
    const events = loaded.order.note(note, this.clock.now(), detail);
    await this.orders.save(tx.manager, loaded.order);
    await this.timeline.publishTimeline(tx, loaded.order.snapshot().customerId, events);
  }

  /** Stops the rental before its end; false when its status does not allow that reason. */
  async cancel(tx: OrderTransaction, loaded: LoadedOrder, reason: CancellationReason, detail: string, requestId?: string): Promise<boolean> {
    const before = loaded.order.status;
    if (!(await this.apply(tx, loaded, CANCEL_TRIGGER[reason], detail))) return false;
    const { id, customerId } = loaded.order.snapshot();
    await this.timers.disarmAll(tx.manager, id);
    if (requestId !== undefined) await this.orders.recordCancelRequest(tx.manager, id, requestId);
    await tx.publish(orderCancelledV1, id, {
      orderId: id,
      customerId,
      reason,
      detail,
      settlement: settlementOnCancel(before),
      wasRunning: before === 'running',
      ...(requestId === undefined ? {} : { requestId }),
      cancelledAt: this.clock.now().toISOString(),
    });
    return true;
  }

  /** The rental period is over: its machines go, and extensions still unpaid lapse. */
  async end(tx: OrderTransaction, loaded: LoadedOrder): Promise<boolean> {
    if (!(await this.apply(tx, loaded, 'rental_ended', 'the rental period is over'))) return false;
    const { id, customerId } = loaded.order.snapshot();
    const now = this.clock.now();
    await this.timers.disarmAll(tx.manager, id);
    const appliedExtensionIds = await this.extensions.closeForOrder(tx.manager, id, now);
    await tx.publish(orderEndedV1, id, { orderId: id, customerId, endedAt: now.toISOString(), appliedExtensionIds });
    return true;
  }
}
