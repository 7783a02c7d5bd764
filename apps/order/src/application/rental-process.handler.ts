import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import {
  capacityReservedV1,
  capacityUnavailableV1,
  type EventEnvelope,
  invoicePaidV1,
  machineDeprovisionedV1,
  machineProvisioningFailedV1,
  machineProvisioningStartedV1,
  machineRunningV1,
  machineRunningV2,
  orderAcceptedV1,
  orderExtendedV1,
  orderPaidV1,
  orderRejectedV1,
  orderScheduledV1,
  type PayloadOf,
} from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { provisioningStartsAt } from '../domain/provisioning-start';
import { ExtensionRepository } from '../infrastructure/extension.repository';
import { OrderRepository } from '../infrastructure/order.repository';
import { QuoteRepository } from '../infrastructure/quote.repository';
import { ORDER_SETTINGS, type OrderSettings } from '../order-settings';
import { RentalRequestAnswers } from './rental-request-answers';
import { type LoadedOrder, RentalSteps } from './rental-steps';
import { RentalTimers } from './rental-timers';

/**
 * The rental's process manager: the facts other services publish move the order through its state
 * machine, and each move publishes what the next service acts on (and, for a rental the CRM
 * requested, its answer once capacity is decided). A fact that does not fit the order's status
 * (late, or repeated under a new id) changes nothing and is logged.
 */
@Injectable()
export class RentalProcessHandler {
  private readonly logger = new Logger(RentalProcessHandler.name);

  constructor(
    private readonly steps: RentalSteps,
    private readonly orders: OrderRepository,
    private readonly quotes: QuoteRepository,
    private readonly extensions: ExtensionRepository,
    private readonly timers: RentalTimers,
    private readonly requestAnswers: RentalRequestAnswers,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ORDER_SETTINGS) private readonly settings: OrderSettings,
  ) {}

  @HandleEvent(capacityReservedV1)
  async onCapacityReserved(event: EventEnvelope<PayloadOf<typeof capacityReservedV1>>, ctx: EventContext): Promise<void> {
    const loaded = await this.load(ctx, event.payload.orderId);
    if (!(await this.steps.apply(ctx, loaded, 'capacity_reserved'))) return;
    const s = loaded.order.snapshot();
    // The price was frozen in the quote; the order keeps only its total.
    const quote = await this.quotes.find(ctx.manager, s.quoteId);
    if (!quote) throw new Error(`order ${s.id} refers to missing quote ${s.quoteId}`);
    const paymentDueAt = new Date(this.clock.now().getTime() + this.settings.paymentWindowMinutes * 60_000);
    await this.timers.armPaymentWindow(ctx.manager, s.id, paymentDueAt);
    await ctx.publish(orderAcceptedV1, s.id, {
      orderId: s.id,
      customer: loaded.customer,
      description: `${s.quantity} x ${s.planCode} in ${s.locationCode}, ${s.imageCode}`,
      period: { start: s.period.start.toISOString(), end: s.period.end.toISOString() },
      price: quote.price,
      paymentDueAt: paymentDueAt.toISOString(),
    });
    await this.requestAnswers.orderAccepted(ctx, s.id, quote);
  }

  @HandleEvent(capacityUnavailableV1)
  async onCapacityUnavailable(event: EventEnvelope<PayloadOf<typeof capacityUnavailableV1>>, ctx: EventContext): Promise<void> {
    const loaded = await this.load(ctx, event.payload.orderId);
    if (!(await this.steps.apply(ctx, loaded, 'capacity_unavailable', event.payload.detail))) return;
    const s = loaded.order.snapshot();
    await ctx.publish(orderRejectedV1, s.id, {
      orderId: s.id,
      quoteId: s.quoteId,
      customerId: s.customerId,
      reason: 'no_capacity',
      detail: event.payload.detail,
    });
    await this.requestAnswers.noCapacity(ctx, s.id, event.payload.detail);
  }

  @HandleEvent(invoicePaidV1)
  async onInvoicePaid(event: EventEnvelope<PayloadOf<typeof invoicePaidV1>>, ctx: EventContext): Promise<void> {
    const { orderId, invoiceNumber, paidAt, extensionId } = event.payload;
    const loaded = await this.load(ctx, orderId);
    if (extensionId !== undefined) return this.applyExtension(ctx, loaded, extensionId, invoiceNumber);
    if (!(await this.steps.apply(ctx, loaded, 'payment_received', `invoice ${invoiceNumber} paid`))) return;
    await this.timers.disarmAll(ctx.manager, orderId);
    const now = this.clock.now();
    const readyBy = loaded.order.snapshot().period.start;
    const provisionAt = provisioningStartsAt(readyBy, this.settings.provisioningLeadMinutes, now);
    await ctx.publish(orderPaidV1, orderId, { orderId, invoiceNumber, paidAt, provisionAt: provisionAt.toISOString() });
    if (provisionAt.getTime() <= now.getTime()) return;
    const detail = `ready by ${readyBy.toISOString()}; provisioning starts at ${provisionAt.toISOString()}`;
    if (!(await this.steps.apply(ctx, loaded, 'provisioning_scheduled', detail))) return;
    await ctx.publish(orderScheduledV1, orderId, {
      orderId,
      customerId: loaded.order.snapshot().customerId,
      provisioningStartsAt: provisionAt.toISOString(),
      readyBy: readyBy.toISOString(),
      scheduledAt: now.toISOString(),
    });
  }

  @HandleEvent(machineProvisioningStartedV1)
  async onProvisioningStarted(event: EventEnvelope<PayloadOf<typeof machineProvisioningStartedV1>>, ctx: EventContext): Promise<void> {
    const loaded = await this.load(ctx, event.payload.orderId);
    // The first machine moves the order; the others find it provisioning already.
    if (loaded.order.status !== 'paid' && loaded.order.status !== 'scheduled') return;
    await this.steps.apply(ctx, loaded, 'provisioning_started');
  }

  /** v1 is no longer published, but one may still be in the topic; both say the same thing here. */
  @HandleEvent(machineRunningV1, machineRunningV2)
  async onMachineRunning(
    event: EventEnvelope<PayloadOf<typeof machineRunningV1> | PayloadOf<typeof machineRunningV2>>,
    ctx: EventContext,
  ): Promise<void> {
    const { orderId, machineId, runningSince } = event.payload;
    const loaded = await this.load(ctx, orderId);
    // A machine that comes up for a cancelled order is provisioning's to remove; it was never delivered.
    if (loaded.order.status !== 'provisioning') return;
    const running = await this.orders.recordMachineRunning(ctx.manager, orderId, machineId, new Date(runningSince));
    if (running < loaded.order.snapshot().quantity) return;
    if (!(await this.steps.apply(ctx, loaded, 'machine_running', `${running} machine(s) running`))) return;
    await this.timers.armEnd(ctx.manager, orderId, loaded.order.snapshot().period.end, this.clock.now());
  }

  @HandleEvent(machineProvisioningFailedV1)
  async onProvisioningFailed(event: EventEnvelope<PayloadOf<typeof machineProvisioningFailedV1>>, ctx: EventContext): Promise<void> {
    const loaded = await this.load(ctx, event.payload.orderId);
    // With several machines the first failure fails the order; the others find it failed already.
    if (!['paid', 'scheduled', 'provisioning'].includes(loaded.order.status)) return;
    const detail = `a machine could not be provisioned after ${event.payload.attempts} attempt(s): ${event.payload.reason}`;
    await this.steps.cancel(ctx, loaded, 'provisioning_failed', detail);
  }

  @HandleEvent(machineDeprovisionedV1)
  async onMachineDeprovisioned(event: EventEnvelope<PayloadOf<typeof machineDeprovisionedV1>>, ctx: EventContext): Promise<void> {
    const { orderId, machineId, deprovisionedAt } = event.payload;
    const loaded = await this.load(ctx, orderId);
    const remaining = await this.orders.recordMachineDeprovisioned(ctx.manager, orderId, machineId, new Date(deprovisionedAt));
    if (remaining > 0 || loaded.order.status !== 'deprovisioning') return;
    await this.steps.apply(ctx, loaded, 'machine_deprovisioned', 'every machine is wiped and returned to the pool');
  }

  private async applyExtension(ctx: EventContext, loaded: LoadedOrder, extensionId: string, invoiceNumber: string): Promise<void> {
    const extension = await this.extensions.find(ctx.manager, extensionId);
    if (extension === undefined || extension.orderId !== loaded.order.id) {
      throw new Error(`invoice ${invoiceNumber} paid for extension ${extensionId}, which order ${loaded.order.id} does not have`);
    }
    // Paid after the rental ended: the extension lapsed, and billing refunds it (order.ended did not list it).
    if (extension.status !== 'awaiting_payment') return;
    const previousEnd = loaded.order.snapshot().period.end;
    const now = this.clock.now();
    const result = loaded.order.extend(extension.period.end, now);
    if (!result.ok) {
      this.logger.warn(`extension ${extensionId} of order ${loaded.order.id} not applied: ${result.error.reason}`);
      return;
    }
    await this.orders.save(ctx.manager, loaded.order);
    await this.extensions.settle(ctx.manager, extensionId, 'applied', now, invoiceNumber);
    await this.steps.publishTimeline(ctx, loaded, result.value);
    await this.timers.armEnd(ctx.manager, loaded.order.id, extension.period.end, now);
    await ctx.publish(orderExtendedV1, loaded.order.id, {
      orderId: loaded.order.id,
      customerId: loaded.order.snapshot().customerId,
      extensionId,
      invoiceNumber,
      previousEnd: previousEnd.toISOString(),
      newEnd: extension.period.end.toISOString(),
      extendedAt: now.toISOString(),
    });
  }

  /** An event about an order we never placed is a fault upstream: the consumer dead-letters it. */
  private async load(ctx: EventContext, orderId: string): Promise<LoadedOrder> {
    const loaded = await this.steps.load(ctx, orderId);
    if (!loaded) throw new Error(`${ctx.event.type} for unknown order ${orderId}`);
    return loaded;
  }
}
