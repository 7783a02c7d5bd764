import { ApiKeyEntity } from './api-key.entity';
import { BankTransferEntity } from './bank-transfer.entity';
import { CancellationRejectionEntity } from './cancellation-rejection.entity';
import { CatalogueViewEntity } from './catalogue-view.entity';
import { CreditNoteEntity } from './credit-note.entity';
import { CustomerEntity } from './customer.entity';
import { ExtensionViewEntity } from './extension-view.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { InvoiceViewEntity } from './invoice-view.entity';
import { MachineViewEntity } from './machine-view.entity';
import { OrderTimelineEntryEntity } from './order-timeline-entry.entity';
import { OrderViewEntity } from './order-view.entity';
import { PaymentAttemptEntity } from './payment-attempt.entity';
import { PaymentProviderEventEntity } from './payment-provider-event.entity';
import { QuoteViewEntity } from './quote-view.entity';
import { RefundEntity } from './refund.entity';

export {
  ApiKeyEntity,
  BankTransferEntity,
  CancellationRejectionEntity,
  CatalogueViewEntity,
  CreditNoteEntity,
  CustomerEntity,
  ExtensionViewEntity,
  IdempotencyKeyEntity,
  InvoiceViewEntity,
  MachineViewEntity,
  OrderTimelineEntryEntity,
  OrderViewEntity,
  PaymentAttemptEntity,
  PaymentProviderEventEntity,
  QuoteViewEntity,
  RefundEntity,
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
  CancellationRejectionEntity,
  ExtensionViewEntity,
  InvoiceViewEntity,
  PaymentAttemptEntity,
  CreditNoteEntity,
  RefundEntity,
  BankTransferEntity,
  MachineViewEntity,
];
