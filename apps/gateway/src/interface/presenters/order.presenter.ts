import type { MachineRecord, OrderRecord, OrderTimelineEntry } from '../../application/ports/order-read-model';
import type { OrderDetails } from '../../application/queries/order.queries';
import type { CancellationView, MachineView, OrderSummaryView, OrderView, TimelineEntryView } from '../dto/order.view';
import { presentExtension } from './extension.presenter';
import { presentInvoice } from './invoice.presenter';
import { iso, isoOrUndefined } from './iso';

export function presentOrderSummary(order: OrderRecord): OrderSummaryView {
  return {
    id: order.orderId,
    quoteId: order.quoteId,
    status: order.status,
    planCode: order.planCode ?? undefined,
    locationCode: order.locationCode ?? undefined,
    quantity: order.quantity ?? undefined,
    period: order.periodStart && order.periodEnd ? { start: iso(order.periodStart), end: iso(order.periodEnd) } : undefined,
    totalCents: order.price?.totalCents,
    placedAt: isoOrUndefined(order.placedAt),
    rejection: order.rejectionReason ? { reason: order.rejectionReason, detail: order.rejectionDetail ?? '' } : undefined,
  };
}

export function presentOrder(details: OrderDetails): OrderView {
  const { order } = details;
  const own = details.invoices.find((i) => i.invoice.extensionId === null);
  return {
    ...presentOrderSummary(order),
    resources: order.resources ?? undefined,
    imageCode: order.imageCode ?? undefined,
    price: order.price ?? undefined,
    timeline: details.timeline.map(presentTimelineEntry),
    invoice: own ? presentInvoice(own) : undefined,
    invoices: details.invoices.map(presentInvoice),
    extensions: details.extensions.map(presentExtension),
    machines: details.machines.map(presentMachine),
    cancellation: presentCancellation(order),
    endedAt: isoOrUndefined(order.endedAt),
  };
}

function presentCancellation(order: OrderRecord): CancellationView | undefined {
  // order.cancelled sets every cancellation column at once.
  if (!order.cancellationReason || !order.cancelledAt) return undefined;
  return {
    reason: order.cancellationReason,
    detail: order.cancellationDetail ?? '',
    settlement: order.cancellationSettlement!,
    wasRunning: order.cancelledWhileRunning!,
    cancelledAt: iso(order.cancelledAt),
  };
}

export function presentTimelineEntry(entry: OrderTimelineEntry): TimelineEntryView {
  return {
    seq: entry.seq,
    from: entry.fromStatus,
    to: entry.toStatus,
    trigger: entry.trigger,
    at: iso(entry.at),
    ...(entry.detail ? { detail: entry.detail } : {}),
  };
}

function presentMachine(machine: MachineRecord): MachineView {
  return {
    id: machine.machineId,
    hostname: machine.hostname,
    ipAddress: machine.ipAddress,
    access:
      machine.accessMethod === 'password'
        ? {
            method: 'password',
            rootPasswordRevealable: machine.rootPasswordRevealable,
            rootPasswordShownAt: isoOrUndefined(machine.passwordRevealedAt),
          }
        : { method: 'ssh-key' },
    runningSince: iso(machine.runningSince),
    state: machine.deprovisionedAt ? 'deprovisioned' : 'running',
    deprovisionedAt: isoOrUndefined(machine.deprovisionedAt),
    deprovisionReason: machine.deprovisionReason ?? undefined,
  };
}
