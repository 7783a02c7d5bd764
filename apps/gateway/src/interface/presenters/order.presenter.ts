import type { OrderDetails } from '../../application/order-queries';
import type { MachineViewEntity, OrderTimelineEntryEntity, OrderViewEntity } from '../../infrastructure/entities';
import type { MachineView, OrderSummaryView, OrderView, TimelineEntryView } from '../dto/order.view';
import { presentInvoice } from './invoice.presenter';
import { iso, isoOrUndefined } from './iso';

export function presentOrderSummary(order: OrderViewEntity): OrderSummaryView {
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
  return {
    ...presentOrderSummary(order),
    resources: order.resources ?? undefined,
    imageCode: order.imageCode ?? undefined,
    price: order.price ?? undefined,
    timeline: details.timeline.map(presentTimelineEntry),
    invoice: details.invoice ? presentInvoice(details.invoice) : undefined,
    machines: details.machines.map((m) => presentMachine(m, details.revealedPasswords.get(m.machineId))),
  };
}

export function presentTimelineEntry(entry: OrderTimelineEntryEntity): TimelineEntryView {
  return {
    seq: entry.seq,
    from: entry.fromStatus,
    to: entry.toStatus,
    trigger: entry.trigger,
    at: iso(entry.at),
    ...(entry.detail ? { detail: entry.detail } : {}),
  };
}

function presentMachine(machine: MachineViewEntity, rootPassword: string | undefined): MachineView {
  return {
    id: machine.machineId,
    hostname: machine.hostname,
    ipAddress: machine.ipAddress,
    access:
      machine.accessMethod === 'password'
        ? { method: 'password', rootPassword, rootPasswordShownAt: isoOrUndefined(machine.passwordRevealedAt) }
        : { method: 'ssh-key' },
    runningSince: iso(machine.runningSince),
  };
}
