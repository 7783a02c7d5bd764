import { invoiceIssuedV1 } from './billing/invoice-issued.event';
import { invoicePaidV1 } from './billing/invoice-paid.event';
import { paymentRecordV1 } from './billing/payment-record.command';
import type { EventDefinition } from './define-event';
import { EventRegistry } from './event-registry';
import { notificationSentV1 } from './notification/notification-sent.event';
import { cataloguePublishedV1 } from './order/catalogue-published.event';
import { orderAcceptedV1 } from './order/order-accepted.event';
import { orderPaidV1 } from './order/order-paid.event';
import { orderPlaceV1 } from './order/order-place.command';
import { orderPlacedV1 } from './order/order-placed.event';
import { orderRejectedV1 } from './order/order-rejected.event';
import { orderStatusChangedV1 } from './order/order-status-changed.event';
import { quoteCreateV1 } from './order/quote-create.command';
import { quoteCreatedV1 } from './order/quote-created.event';
import { quoteRejectedV1 } from './order/quote-rejected.event';
import { capacityReservedV1 } from './provisioning/capacity-reserved.event';
import { capacityUnavailableV1 } from './provisioning/capacity-unavailable.event';
import { machineProvisioningFailedV1 } from './provisioning/machine-provisioning-failed.event';
import { machineProvisioningStartedV1 } from './provisioning/machine-provisioning-started.event';
import { machineRunningV1 } from './provisioning/machine-running.event';

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
  orderStatusChangedV1,
  // provisioning
  capacityReservedV1,
  capacityUnavailableV1,
  machineProvisioningStartedV1,
  machineRunningV1,
  machineProvisioningFailedV1,
  // billing
  paymentRecordV1,
  invoiceIssuedV1,
  invoicePaidV1,
  // notification
  notificationSentV1,
];

export const platformRegistry = new EventRegistry(platformEvents);
