import {
  type CANCELLATION_REASONS,
  capacityReservedV1,
  capacityUnavailableV1,
  invoicePaidV1,
  machineDeprovisionedV1,
  machineProvisioningFailedV1,
  machineProvisioningStartedV1,
  machineRunningV1,
  machineRunningV2,
  orderAcceptedV1,
  orderCancelledV1,
  orderCancelV1,
  orderEndApproachedV1,
  orderEndedV1,
  orderExtendedV1,
  orderPaidV1,
  orderRejectedV1,
  orderScheduledV1,
  type PayloadOf,
  rentalRequestAcceptedV1,
  rentalRequestRejectedV1,
} from '@rental/contracts';
import type { ArmedTimer } from '@rental/timers';
import type { OrderTrigger } from '../../domain/order-transitions';
import { provisioningStartsAt } from '../../domain/provisioning-start';
import { settlementOnCancel } from '../../domain/rental-end';
import { after, command, defineProcess, type GuardView, message, step, type StepRun, timer } from './process-step';
import type { EndReminderPayload, OrderTimerPayload } from './rental-timers';

/**
 * What a cancellation undoes, whichever step cancels: order.cancelled says how billing settles
 * (everything credited and refunded before the machines ran, the unused days once they did) and
 * whether provisioning wipes machines or only releases the capacity it held.
 */
const CANCELLATION = 'cancels the rental: order.cancelled with its settlement, which billing refunds and provisioning releases';

/**
 * The rental's process, step by step: what moves an order from placed to completed, cancelled,
 * rejected or failed, and what each move tells the other services. The manager
 * (rental-process.manager.ts) subscribes to exactly the messages and timers named here and runs these
 * steps; where each trigger leads is ORDER_TRANSITIONS' to say. Every move, and every note, is also
 * published on the order's timeline (order.status-changed).
 */
export const RENTAL_PROCESS = defineProcess(
  step('capacity held', {
    startedBy: message(capacityReservedV1),
    applies: 'capacity_reserved',
    arms: ['paymentWindow'],
    publishes: [orderAcceptedV1, rentalRequestAcceptedV1],
    compensation: 'provisioning releases the capacity it held',
    action: askForPayment,
  }),
  step('no capacity', {
    startedBy: message(capacityUnavailableV1),
    applies: 'capacity_unavailable',
    publishes: [orderRejectedV1, rentalRequestRejectedV1],
    action: rejectForCapacity,
  }),
  step('payment window closed', {
    startedBy: timer<OrderTimerPayload>('paymentWindow'),
    onlyIn: ['awaiting_payment'],
    applies: 'payment_window_closed',
    disarms: 'every timer of the order',
    publishes: [orderCancelledV1],
    compensation: CANCELLATION,
    action: (run) => cancelRental(run, `the invoice was not paid by ${run.input.dueAt.toISOString()}`),
  }),
  step('payment received', {
    startedBy: message(invoicePaidV1),
    when: { because: "the invoice is the order's own", holds: (paid) => paid.extensionId === undefined },
    applies: 'payment_received',
    disarms: 'every timer of the order',
    publishes: [orderPaidV1],
    compensation: 'billing credits the invoice and refunds the payment in full',
    action: startProvisioning,
  }),
  step('provisioning scheduled', {
    startedBy: after<PaymentReceived>('payment received'),
    guard: { because: 'the rental starts later than the provisioning lead time', holds: (run) => provisioningStart(run) > run.now.getTime() },
    applies: 'provisioning_scheduled',
    publishes: [orderScheduledV1],
    action: scheduleProvisioning,
  }),
  step('provisioning started', {
    startedBy: message(machineProvisioningStartedV1),
    // The first machine moves the order; the others find it provisioning already.
    onlyIn: ['paid', 'scheduled'],
    applies: 'provisioning_started',
    publishes: [],
    compensation: 'provisioning removes the machines it is building',
  }),
  step('provisioning failed', {
    startedBy: message(machineProvisioningFailedV1),
    // With several machines the first failure fails the order; the others find it failed already.
    onlyIn: ['paid', 'scheduled', 'provisioning'],
    applies: 'provisioning_failed',
    disarms: 'every timer of the order',
    publishes: [orderCancelledV1],
    compensation: CANCELLATION,
    action: (run) => cancelRental(run, `a machine could not be provisioned after ${run.input.attempts} attempt(s): ${run.input.reason}`),
  }),
  step('running', {
    startedBy: message(machineRunningV1, machineRunningV2),
    // A machine that comes up for a cancelled order is provisioning's to remove; it was never delivered.
    onlyIn: ['provisioning'],
    awaits: 'every machine of the order running',
    applies: 'machine_running',
    arms: ['rentalEnd'],
    publishes: [],
    compensation: 'the unused days are refunded and the machines wiped',
    action: deliver,
  }),
  step('extension paid', {
    startedBy: message(invoicePaidV1),
    when: { because: 'the invoice is for an extension (order.extend)', holds: (paid) => paid.extensionId !== undefined },
    applies: 'rental_extended',
    arms: ['rentalEnd'],
    publishes: [orderExtendedV1],
    compensation: 'its days are refunded with the rest when the rental is cancelled',
    action: extendRental,
  }),
  step('customer cancels', {
    startedBy: command<CustomerCancellation>(orderCancelV1, 'commands/cancel-order.handler.ts'),
    applies: 'customer_cancelled',
    disarms: 'every timer of the order',
    publishes: [orderCancelledV1],
    compensation: CANCELLATION,
    action: (run) => cancelRental(run, run.input.detail, run.input.requestId),
  }),
  step('end approaching', {
    startedBy: timer<EndReminderPayload>('endReminder'),
    onlyIn: ['running'],
    // An extension re-arms the reminders for the new end; one for an old end says nothing true.
    guard: { because: 'the reminder is for the current end', holds: (run) => run.order.snapshot().period.end.toISOString() === run.input.payload.endsAt },
    notes: 'end_reminder_sent',
    publishes: [orderEndApproachedV1],
    action: remindOfEnd,
  }),
  step('rental over', {
    startedBy: timer<OrderTimerPayload>('rentalEnd'),
    onlyIn: ['running'],
    applies: 'rental_ended',
    disarms: 'every timer of the order',
    publishes: [orderEndedV1],
    action: endRental,
  }),
  step('machines returned', {
    startedBy: message(machineDeprovisionedV1),
    awaits: 'every machine of the order wiped, while it is deprovisioning',
    applies: 'machine_deprovisioned',
    publishes: [],
    action: closeRental,
  }),
);

type PaymentReceived = PayloadOf<typeof invoicePaidV1>;

/** What commands/cancel-order.handler.ts hands the process once it has checked the request. */
export interface CustomerCancellation {
  readonly detail: string;
  readonly requestId: string;
}

async function askForPayment(run: StepRun<PayloadOf<typeof capacityReservedV1>, typeof orderAcceptedV1 | typeof rentalRequestAcceptedV1, 'paymentWindow'>) {
  if (!(await run.apply())) return;
  const s = run.order.snapshot();
  // The price was frozen in the quote; the order keeps only its total.
  const quote = await run.stores.quotes.find(run.manager, s.quoteId);
  if (!quote) throw new Error(`order ${s.id} refers to missing quote ${s.quoteId}`);
  const paymentDueAt = new Date(run.now.getTime() + run.settings.paymentWindowMinutes * 60_000);
  await run.arm.paymentWindow(paymentDueAt);
  await run.publish(orderAcceptedV1, s.id, {
    orderId: s.id,
    customer: run.customer,
    description: `${s.quantity} x ${s.planCode} in ${s.locationCode}, ${s.imageCode}`,
    period: { start: s.period.start.toISOString(), end: s.period.end.toISOString() },
    price: quote.price,
    paymentDueAt: paymentDueAt.toISOString(),
  });
  await run.requestAnswers.orderAccepted(run, s.id, quote);
}

async function rejectForCapacity(run: StepRun<PayloadOf<typeof capacityUnavailableV1>, typeof orderRejectedV1 | typeof rentalRequestRejectedV1>) {
  const { detail } = run.input;
  if (!(await run.apply(detail))) return;
  const s = run.order.snapshot();
  await run.publish(orderRejectedV1, s.id, { orderId: s.id, quoteId: s.quoteId, customerId: s.customerId, reason: 'no_capacity', detail });
  await run.requestAnswers.noCapacity(run, s.id, detail);
}

async function extendRental(run: StepRun<PaymentReceived, typeof orderExtendedV1, 'rentalEnd'>) {
  const { extensionId, invoiceNumber } = run.input;
  const orderId = run.order.id;
  const extension = extensionId === undefined ? undefined : await run.stores.extensions.find(run.manager, extensionId);
  if (extension === undefined || extension.orderId !== orderId) {
    throw new Error(`invoice ${invoiceNumber} paid for extension ${extensionId}, which order ${orderId} does not have`);
  }
  // Paid after the rental ended: the extension lapsed, and billing refunds it (order.ended did not list it).
  if (extension.status !== 'awaiting_payment') return;
  const previousEnd = run.order.snapshot().period.end;
  const extended = await run.extend(extension.period.end);
  if (!extended.ok) return run.warn(`extension ${extension.extensionId} of order ${orderId} not applied: ${extended.error.reason}`);
  await run.stores.extensions.settle(run.manager, extension.extensionId, 'applied', run.now, invoiceNumber);
  await run.arm.rentalEnd(extension.period.end);
  await run.publish(orderExtendedV1, orderId, {
    orderId,
    customerId: run.order.snapshot().customerId,
    extensionId: extension.extensionId,
    invoiceNumber,
    previousEnd: previousEnd.toISOString(),
    newEnd: extension.period.end.toISOString(),
    extendedAt: run.now.toISOString(),
  });
}

/** When the machines start being built: the lead time before the rental starts, or now when that has passed. */
function provisioningStart(run: GuardView<unknown>): number {
  return provisioningStartsAt(run.order.snapshot().period.start, run.settings.provisioningLeadMinutes, run.now).getTime();
}

async function startProvisioning(run: StepRun<PaymentReceived, typeof orderPaidV1>) {
  const { invoiceNumber, paidAt } = run.input;
  if (!(await run.apply(`invoice ${invoiceNumber} paid`))) return;
  const provisionAt = new Date(provisioningStart(run)).toISOString();
  await run.publish(orderPaidV1, run.order.id, { orderId: run.order.id, invoiceNumber, paidAt, provisionAt });
}

async function scheduleProvisioning(run: StepRun<PaymentReceived, typeof orderScheduledV1>) {
  const readyBy = run.order.snapshot().period.start;
  const provisionAt = new Date(provisioningStart(run));
  if (!(await run.apply(`ready by ${readyBy.toISOString()}; provisioning starts at ${provisionAt.toISOString()}`))) return;
  await run.publish(orderScheduledV1, run.order.id, {
    orderId: run.order.id,
    customerId: run.order.snapshot().customerId,
    provisioningStartsAt: provisionAt.toISOString(),
    readyBy: readyBy.toISOString(),
    scheduledAt: run.now.toISOString(),
  });
}

async function deliver(run: StepRun<PayloadOf<typeof machineRunningV1> | PayloadOf<typeof machineRunningV2>, never, 'rentalEnd'>) {
  const { machineId, runningSince } = run.input;
  const running = await run.stores.orders.recordMachineRunning(run.manager, run.order.id, machineId, new Date(runningSince));
  if (running < run.order.snapshot().quantity) return;
  if (!(await run.apply(`${running} machine(s) running`))) return;
  await run.arm.rentalEnd(run.order.snapshot().period.end);
}

async function remindOfEnd(run: StepRun<ArmedTimer<EndReminderPayload>, typeof orderEndApproachedV1>) {
  const { daysLeft, endsAt } = run.input.payload;
  const { id, customerId } = run.order.snapshot();
  await run.note(`the rental ends in ${daysLeft} day(s), at ${endsAt}`);
  await run.publish(orderEndApproachedV1, id, { orderId: id, customerId, endsAt, daysLeft, remindedAt: run.input.dueAt.toISOString() });
}

/** The rental period is over: its machines go, and extensions still unpaid lapse. */
async function endRental(run: StepRun<ArmedTimer<OrderTimerPayload>, typeof orderEndedV1>) {
  if (!(await run.apply('the rental period is over'))) return;
  const { id, customerId } = run.order.snapshot();
  const appliedExtensionIds = await run.stores.extensions.closeForOrder(run.manager, id, run.now);
  await run.publish(orderEndedV1, id, { orderId: id, customerId, endedAt: run.now.toISOString(), appliedExtensionIds });
}

async function closeRental(run: StepRun<PayloadOf<typeof machineDeprovisionedV1>>) {
  const { machineId, deprovisionedAt } = run.input;
  // Recorded in any status: a machine of a cancelled order is wiped too.
  const remaining = await run.stores.orders.recordMachineDeprovisioned(run.manager, run.order.id, machineId, new Date(deprovisionedAt));
  if (remaining > 0 || run.order.status !== 'deprovisioning') return;
  await run.apply('every machine is wiped and returned to the pool');
}

type CancellationReason = (typeof CANCELLATION_REASONS)[number];

const CANCELLATION_REASON: Partial<Record<OrderTrigger, CancellationReason>> = {
  customer_cancelled: 'customer_cancelled',
  payment_window_closed: 'payment_window_closed',
  provisioning_failed: 'provisioning_failed',
};

/** The compensation: stops the rental before its end (the step's trigger says why) and tells everyone who must undo their part. */
async function cancelRental(run: StepRun<unknown, typeof orderCancelledV1>, detail: string, requestId?: string): Promise<void> {
  const reason = CANCELLATION_REASON[run.trigger];
  if (reason === undefined) throw new Error(`${run.trigger} does not cancel a rental`);
  const before = run.order.status;
  if (!(await run.apply(detail))) return;
  const { id, customerId } = run.order.snapshot();
  if (requestId !== undefined) await run.stores.orders.recordCancelRequest(run.manager, id, requestId);
  await run.publish(orderCancelledV1, id, {
    orderId: id,
    customerId,
    reason,
    detail,
    settlement: settlementOnCancel(before),
    wasRunning: before === 'running',
    ...(requestId === undefined ? {} : { requestId }),
    cancelledAt: run.now.toISOString(),
  });
}
