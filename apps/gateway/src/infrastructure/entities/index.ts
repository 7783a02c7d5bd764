import { ApiKeyEntity } from './api-key.entity';
import { CatalogueViewEntity } from './catalogue-view.entity';
import { CustomerEntity } from './customer.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { InvoicePaymentEntity } from './invoice-payment.entity';
import { InvoiceViewEntity } from './invoice-view.entity';
import { MachineViewEntity } from './machine-view.entity';
import { OrderTimelineEntryEntity } from './order-timeline-entry.entity';
import { OrderViewEntity } from './order-view.entity';
import { PaymentProviderEventEntity } from './payment-provider-event.entity';
import { QuoteViewEntity } from './quote-view.entity';

export {
  ApiKeyEntity,
  CatalogueViewEntity,
  CustomerEntity,
  IdempotencyKeyEntity,
  InvoicePaymentEntity,
  InvoiceViewEntity,
  MachineViewEntity,
  OrderTimelineEntryEntity,
  OrderViewEntity,
  PaymentProviderEventEntity,
  QuoteViewEntity,
};
export type { CatalogueDocument } from './catalogue-view.entity';

export const GATEWAY_ENTITIES = [
  CustomerEntity,
  ApiKeyEntity,
  IdempotencyKeyEntity,
  PaymentProviderEventEntity,
  CatalogueViewEntity,
  QuoteViewEntity,
  OrderViewEntity,
  OrderTimelineEntryEntity,
  InvoiceViewEntity,
  InvoicePaymentEntity,
  MachineViewEntity,
];
