import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import type { WorkNotices } from '@rental/persistence';
import { PlatformModule, type PlatformOverrides, type ServiceSettings } from '@rental/service-kit';
import { DataSource } from 'typeorm';
import { PaymentRecordHandler } from './application/commands/payment-record.handler';
import { InvoiceBooks } from './application/common/invoice-books';
import { InvoiceIssuer } from './application/common/invoice-issuer';
import { InvoiceSettlement } from './application/common/invoice-settlement';
import { PayerRefunds } from './application/common/payer-refunds';
import { BankTransferReceivedHandler } from './application/event-handlers/bank-transfer-received.handler';
import { CustomerRegisteredHandler } from './application/event-handlers/customer-registered.handler';
import { CustomerUpdatedHandler } from './application/event-handlers/customer-updated.handler';
import { OrderAcceptedHandler } from './application/event-handlers/order-accepted.handler';
import { OrderCancelledHandler } from './application/event-handlers/order-cancelled.handler';
import { OrderEndedHandler } from './application/event-handlers/order-ended.handler';
import { OrderExtensionAcceptedHandler } from './application/event-handlers/order-extension-accepted.handler';
import { BankTransferStore } from './application/ports/bank-transfer-store';
import { CrmCustomerStore } from './application/ports/crm-customer-store';
import { DocumentNumbers } from './application/ports/document-numbers';
import { InvoiceStore } from './application/ports/invoice-store';
import { OrderSettlementStore } from './application/ports/order-settlement-store';
import { PaymentStore } from './application/ports/payment-store';
import { REFUND_NOTICES, RefundStore } from './application/ports/refund-store';
import { RefundWorker } from './application/workers/refund.worker';
import { BILLING_SETTINGS, type BillingSettings, loadBillingSettings } from './billing-settings';
import { BillingSchema1795720000000 } from './infrastructure/migrations/1795720000000-billing-schema';
import { BillingSettlement1795720000002, REFUNDS_NOTIFY } from './infrastructure/migrations/1795720000002-billing-settlement';
import { BillingBankTransfers1795720000004 } from './infrastructure/migrations/1795720000004-bank-transfers';
import { BillingCrmCustomers1795720000005 } from './infrastructure/migrations/1795720000005-crm-customers';
import { BankTransferEntity } from './infrastructure/persistence/bank-transfer.entity';
import { BankTransferRepository } from './infrastructure/persistence/bank-transfer.repository';
import { CreditNoteEntity } from './infrastructure/persistence/credit-note.entity';
import { CrmCustomerRepository } from './infrastructure/persistence/crm-customer.repository';
import { DocumentNumberAllocator } from './infrastructure/persistence/document-number-allocator';
import {
  CreditNoteNumberCounterEntity,
  InvoiceNumberCounterEntity,
  RefundNumberCounterEntity,
} from './infrastructure/persistence/document-number-counter.entity';
import { InvoiceEntity } from './infrastructure/persistence/invoice.entity';
import { InvoiceRepository } from './infrastructure/persistence/invoice.repository';
import { InvoiceLedgerEntryEntity } from './infrastructure/persistence/invoice-ledger-entry.entity';
import { InvoiceLineEntity } from './infrastructure/persistence/invoice-line.entity';
import { OrderSettlementEntity } from './infrastructure/persistence/order-settlement.entity';
import { OrderSettlementRepository } from './infrastructure/persistence/order-settlement.repository';
import { PayerRefundEntity } from './infrastructure/persistence/payer-refund.entity';
import { PaymentEntity } from './infrastructure/persistence/payment.entity';
import { PaymentRepository } from './infrastructure/persistence/payment.repository';
import { PaymentReportEntity } from './infrastructure/persistence/payment-report.entity';
import { RefundEntity } from './infrastructure/persistence/refund.entity';
import { RefundRepository } from './infrastructure/persistence/refund.repository';
import { SandboxPaymentsSchema1795720000001 } from './infrastructure/sandbox/migrations/1795720000001-sandbox-schema';
import { SandboxAttemptsAndRefunds1795720000003 } from './infrastructure/sandbox/migrations/1795720000003-sandbox-attempts';
import { SandboxCheckoutToken1797000000003 } from './infrastructure/sandbox/migrations/1797000000003-sandbox-checkout-token';
import { SandboxPaymentProviderModule } from './infrastructure/sandbox/sandbox-payment-provider.module';

/**
 * The module of the payment provider chosen by PAYMENT_PROVIDER: it binds the PaymentProvider port,
 * and serves whatever the provider needs (the sandbox its checkout). A provider not chosen is not
 * loaded at all, so none of its endpoints exist.
 */
function paymentProviderModule(config: ServiceSettings, billing: BillingSettings): DynamicModule {
  switch (billing.paymentProvider) {
    case 'sandbox':
      return SandboxPaymentProviderModule.register(config.databaseUrl, billing.sandbox);
  }
}

const ENTITIES = [
  InvoiceEntity,
  InvoiceLineEntity,
  InvoiceLedgerEntryEntity,
  PaymentEntity,
  PaymentReportEntity,
  CreditNoteEntity,
  RefundEntity,
  OrderSettlementEntity,
  BankTransferEntity,
  PayerRefundEntity,
  InvoiceNumberCounterEntity,
  CreditNoteNumberCounterEntity,
  RefundNumberCounterEntity,
];

@Module({})
export class BillingModule {
  /** Billing's own settings are read from the environment unless given, and validated then, so a bad one stops the start. */
  static register(config: ServiceSettings, settings: BillingSettings = loadBillingSettings(), platform: PlatformOverrides = {}): DynamicModule {
    return {
      module: BillingModule,
      imports: [
        PlatformModule.forService({
          ...platform,
          config,
          registry: platformRegistry,
          entities: ENTITIES,
          migrations: [
            BillingSchema1795720000000,
            SandboxPaymentsSchema1795720000001,
            BillingSettlement1795720000002,
            SandboxAttemptsAndRefunds1795720000003,
            BillingBankTransfers1795720000004,
            BillingCrmCustomers1795720000005,
            SandboxCheckoutToken1797000000003,
          ],
        }),
        paymentProviderModule(config, settings),
      ],
      providers: [
        { provide: BILLING_SETTINGS, useValue: settings },
        InvoiceRepository,
        { provide: InvoiceStore, useExisting: InvoiceRepository },
        { provide: PaymentStore, useClass: PaymentRepository },
        { provide: RefundStore, useClass: RefundRepository },
        { provide: OrderSettlementStore, useClass: OrderSettlementRepository },
        { provide: BankTransferStore, useClass: BankTransferRepository },
        { provide: CrmCustomerStore, useClass: CrmCustomerRepository },
        { provide: DocumentNumbers, useClass: DocumentNumberAllocator },
        {
          provide: REFUND_NOTICES,
          inject: [DataSource],
          useFactory: (dataSource: DataSource): WorkNotices => ({ dataSource, channel: REFUNDS_NOTIFY.channel }),
        },
        InvoiceBooks,
        PayerRefunds,
        InvoiceIssuer,
        InvoiceSettlement,
        PaymentRecordHandler,
        OrderAcceptedHandler,
        OrderExtensionAcceptedHandler,
        OrderCancelledHandler,
        OrderEndedHandler,
        BankTransferReceivedHandler,
        CustomerRegisteredHandler,
        CustomerUpdatedHandler,
        RefundWorker,
      ],
    };
  }
}
