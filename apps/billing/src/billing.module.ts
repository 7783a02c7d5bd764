import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import { PlatformModule, type PlatformOverrides, type ServiceConfig } from '@rental/service-kit';
import { BankTransferHandler } from './application/bank-transfer.handler';
import { CrmCustomersHandler } from './application/crm-customers.handler';
import { InvoiceIssuer } from './application/invoice-issuer';
import { InvoiceSettlement } from './application/invoice-settlement';
import { OrderAcceptedHandler } from './application/order-accepted.handler';
import { OrderSettlementHandler } from './application/order-settlement.handler';
import { PayerRefunds } from './application/payer-refunds';
import { PaymentRecordHandler } from './application/payment-record.handler';
import { RefundRunner } from './application/refund-runner';
import { type BillingConfig, loadBillingConfig } from './billing-config';
import { BankTransferEntity } from './infrastructure/persistence/bank-transfer.entity';
import { BankTransferRepository } from './infrastructure/persistence/bank-transfer.repository';
import { BillingBankTransfers1795720000004 } from './infrastructure/persistence/bank-transfers.migration';
import { BillingSchema1795720000000 } from './infrastructure/persistence/billing-schema.migration';
import { BillingSettlement1795720000002 } from './infrastructure/persistence/billing-settlement.migration';
import { CreditNoteEntity } from './infrastructure/persistence/credit-note.entity';
import { CrmCustomerRepository } from './infrastructure/persistence/crm-customer.repository';
import { BillingCrmCustomers1795720000005 } from './infrastructure/persistence/crm-customers.migration';
import {
  CreditNoteNumberCounterEntity,
  InvoiceNumberCounterEntity,
  RefundNumberCounterEntity,
} from './infrastructure/persistence/document-number-counter.entity';
import { DocumentNumberAllocator } from './infrastructure/persistence/document-number-allocator';
import { InvoiceLedgerEntryEntity } from './infrastructure/persistence/invoice-ledger-entry.entity';
import { InvoiceLineEntity } from './infrastructure/persistence/invoice-line.entity';
import { InvoiceEntity } from './infrastructure/persistence/invoice.entity';
import { InvoiceRepository } from './infrastructure/persistence/invoice.repository';
import { OrderSettlementEntity } from './infrastructure/persistence/order-settlement.entity';
import { OrderSettlementRepository } from './infrastructure/persistence/order-settlement.repository';
import { PayerRefundEntity } from './infrastructure/persistence/payer-refund.entity';
import { PaymentReportEntity } from './infrastructure/persistence/payment-report.entity';
import { PaymentEntity } from './infrastructure/persistence/payment.entity';
import { PaymentRepository } from './infrastructure/persistence/payment.repository';
import { RefundEntity } from './infrastructure/persistence/refund.entity';
import { RefundRepository } from './infrastructure/persistence/refund.repository';
import { SandboxPaymentProviderModule } from './infrastructure/sandbox/sandbox-payment-provider.module';
import { SandboxAttemptsAndRefunds1795720000003 } from './infrastructure/sandbox/sandbox-attempts.migration';
import { SandboxPaymentsSchema1795720000001 } from './infrastructure/sandbox/sandbox-schema.migration';
import { SandboxCheckoutToken1797000000003 } from './infrastructure/sandbox/sandbox-checkout-token.migration';

/**
 * The module of the payment provider chosen by PAYMENT_PROVIDER: it binds the PaymentProvider port,
 * and serves whatever the provider needs (the sandbox its checkout). A provider not chosen is not
 * loaded at all, so none of its endpoints exist.
 */
function paymentProviderModule(config: ServiceConfig, billing: BillingConfig): DynamicModule {
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
  /** Billing's own variables are read from `env` and validated here, so a bad one stops the start. */
  static register(config: ServiceConfig, env: NodeJS.ProcessEnv = process.env, platform: PlatformOverrides = {}): DynamicModule {
    const billing = loadBillingConfig(env);
    return {
      module: BillingModule,
      imports: [
        PlatformModule.forService({
          ...platform,
          config,
          registry: platformRegistry,
          entities: ENTITIES,
          migrations: [BillingSchema1795720000000, SandboxPaymentsSchema1795720000001, BillingSettlement1795720000002, SandboxAttemptsAndRefunds1795720000003, BillingBankTransfers1795720000004, BillingCrmCustomers1795720000005, SandboxCheckoutToken1797000000003],
        }),
        paymentProviderModule(config, billing),
      ],
      providers: [
        DocumentNumberAllocator,
        InvoiceRepository,
        PaymentRepository,
        RefundRepository,
        OrderSettlementRepository,
        BankTransferRepository,
        CrmCustomerRepository,
        PayerRefunds,
        InvoiceIssuer,
        InvoiceSettlement,
        OrderAcceptedHandler,
        PaymentRecordHandler,
        OrderSettlementHandler,
        BankTransferHandler,
        CrmCustomersHandler,
        RefundRunner,
      ],
    };
  }
}
