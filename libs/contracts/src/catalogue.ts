import { bankTransferRejectedV1 } from './billing/bank-transfer-outcomes';
import { bankTransferAppliedV1 } from './billing/bank-transfer-outcomes';
import { bankTransferFlaggedV1 } from './billing/bank-transfer-outcomes';
import { creditNoteIssuedV1 } from './billing/credit-note-issued.event';
import { invoiceBalanceChangedV1 } from './billing/invoice-balance-changed.event';
import { invoiceIssuedV1 } from './billing/invoice-issued.event';
import { invoicePaidV1 } from './billing/invoice-paid.event';
import { paymentFailedV1 } from './billing/payment-failed.event';
import { paymentRecordV1 } from './billing/payment-record.command';
import { paymentRecordRejectedV1 } from './billing/payment-record-rejected.event';
import { paymentRefundedV1 } from './billing/payment-refunded.event';
import { customerRegisteredV1 } from './crm/customer-registered.event';
import { customerUpdatedV1 } from './crm/customer-registered.event';
import { rentalRequestedV1 } from './crm/rental-requested.event';
import type { EventDefinition } from './define-event';
import { EventRegistry } from './event-registry';
import { bankTransferReceivedV1 } from './finance/bank-transfer-received.event';
import { hostRegisteredV1 } from './inventory/host-events';
import { hostCapacityChangedV1 } from './inventory/host-events';
import { hostMaintenanceScheduledV1 } from './inventory/host-events';
import { hostRetiredV1 } from './inventory/host-events';
import { ipRangeAddedV1 } from './inventory/ip-range-events';
import { ipRangeRemovedV1 } from './inventory/ip-range-events';
import { notificationSentV1 } from './notification/notification-sent.event';
import { cataloguePublishedV1 } from './order/catalogue-published.event';
import { orderAcceptedV1 } from './order/order-accepted.event';
import { orderCancelV1 } from './order/order-cancel.command';
import { orderCancellationRejectedV1 } from './order/order-cancellation-rejected.event';
import { orderCancelledV1 } from './order/order-cancelled.event';
import { orderEndApproachedV1 } from './order/order-end-approached.event';
import { orderEndedV1 } from './order/order-ended.event';
import { orderExtendV1 } from './order/order-extend.command';
import { orderExtendedV1 } from './order/order-extended.event';
import { orderExtensionAcceptedV1 } from './order/order-extension-accepted.event';
import { orderExtensionRejectedV1 } from './order/order-extension-rejected.event';
import { orderPaidV1 } from './order/order-paid.event';
import { orderPlaceV1 } from './order/order-place.command';
import { orderPlacedV1 } from './order/order-placed.event';
import { orderRejectedV1 } from './order/order-rejected.event';
import { orderScheduledV1 } from './order/order-scheduled.event';
import { orderStatusChangedV1 } from './order/order-status-changed.event';
import { quoteCreateV1 } from './order/quote-create.command';
import { quoteCreatedV1 } from './order/quote-created.event';
import { quoteRejectedV1 } from './order/quote-rejected.event';
import { rentalRequestAcceptedV1 } from './order/rental-request-accepted.event';
import { rentalRequestRejectedV1 } from './order/rental-request-rejected.event';
import { capacityReleasedV1 } from './provisioning/capacity-released.event';
import { capacityReservedV1 } from './provisioning/capacity-reserved.event';
import { capacityUnavailableV1 } from './provisioning/capacity-unavailable.event';
import { inventoryChangeAppliedV1 } from './provisioning/inventory-change-outcomes';
import { inventoryChangeRejectedV1 } from './provisioning/inventory-change-outcomes';
import { machineDeprovisionedV1 } from './provisioning/machine-deprovisioned.event';
import { machineProvisioningFailedV1 } from './provisioning/machine-provisioning-failed.event';
import { machineProvisioningRetriedV1 } from './provisioning/machine-provisioning-retried.event';
import { machineProvisioningStartedV1 } from './provisioning/machine-provisioning-started.event';
import { machineRunningV1, machineRunningV2 } from './provisioning/machine-running.event';

/**
 * Every event and command contract of the platform, owner by owner. Services decode with this
 * registry, so a type missing here is dead-lettered as unknown.
 */
export const platformEvents: readonly EventDefinition[] = [
  // order: commands it handles, facts it publishes
  cataloguePublishedV1,
  quoteCreateV1,
  quoteCreatedV1,
  quoteRejectedV1,
  orderPlaceV1,
  orderPlacedV1,
  orderRejectedV1,
  orderAcceptedV1,
  orderPaidV1,
  orderScheduledV1,
  orderStatusChangedV1,
  rentalRequestAcceptedV1,
  rentalRequestRejectedV1,
  orderCancelV1,
  orderCancelledV1,
  orderCancellationRejectedV1,
  orderExtendV1,
  orderExtensionAcceptedV1,
  orderExtensionRejectedV1,
  orderExtendedV1,
  orderEndApproachedV1,
  orderEndedV1,
  // provisioning
  capacityReservedV1,
  capacityUnavailableV1,
  machineProvisioningStartedV1,
  machineRunningV1,
  machineRunningV2,
  machineProvisioningFailedV1,
  capacityReleasedV1,
  machineProvisioningRetriedV1,
  machineDeprovisionedV1,
  inventoryChangeAppliedV1,
  inventoryChangeRejectedV1,
  // billing
  paymentRecordV1,
  paymentRecordRejectedV1,
  invoiceIssuedV1,
  invoicePaidV1,
  invoiceBalanceChangedV1,
  paymentFailedV1,
  creditNoteIssuedV1,
  paymentRefundedV1,
  bankTransferAppliedV1,
  bankTransferFlaggedV1,
  bankTransferRejectedV1,
  // notification
  notificationSentV1,
  // other systems of the company: the CRM, the datacentre inventory, finance
  customerRegisteredV1,
  customerUpdatedV1,
  rentalRequestedV1,
  hostRegisteredV1,
  hostCapacityChangedV1,
  hostMaintenanceScheduledV1,
  hostRetiredV1,
  ipRangeAddedV1,
  ipRangeRemovedV1,
  bankTransferReceivedV1,
];

export const platformRegistry = new EventRegistry(platformEvents);
