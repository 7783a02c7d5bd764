import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import { PlatformModule, type PlatformOverrides, type ServiceConfig } from '@rental/service-kit';
import { BankTransferAppliedHandler } from './application/bank-transfer-applied.handler';
import { BankTransferFlaggedHandler } from './application/bank-transfer-flagged.handler';
import { CreditNoteIssuedHandler } from './application/credit-note-issued.handler';
import { CrmCustomerHandler } from './application/crm-customer.handler';
import { DeliveryDispatcher } from './application/delivery-dispatcher';
import { InvoiceIssuedHandler } from './application/invoice-issued.handler';
import { InvoicePaidHandler } from './application/invoice-paid.handler';
import { MachineRunningHandler } from './application/machine-running.handler';
import { MailRequests } from './application/mail-requests';
import { MAIL_SENDER } from './application/mail-sender';
import { OrderCancelledHandler } from './application/order-cancelled.handler';
import { OrderEndApproachedHandler } from './application/order-end-approached.handler';
import { OrderEndedHandler } from './application/order-ended.handler';
import { OrderExtendedHandler } from './application/order-extended.handler';
import { OrderPlacedHandler } from './application/order-placed.handler';
import { OrderRejectedHandler } from './application/order-rejected.handler';
import { OrderScheduledHandler } from './application/order-scheduled.handler';
import { PaymentFailedHandler } from './application/payment-failed.handler';
import { PaymentRefundedHandler } from './application/payment-refunded.handler';
import { AwaitingCustomerEntity } from './infrastructure/awaiting-customer.entity';
import { AwaitingCustomerRepository } from './infrastructure/awaiting-customer.repository';
import { CrmCustomerEntity } from './infrastructure/crm-customer.entity';
import { CrmCustomerRepository } from './infrastructure/crm-customer.repository';
import { CustomerEntity } from './infrastructure/customer.entity';
import { CustomerRepository } from './infrastructure/customer.repository';
import { DeliveryEntity } from './infrastructure/delivery.entity';
import { DeliveryRepository } from './infrastructure/delivery.repository';
import { DeliveryWorker } from './infrastructure/delivery-worker';
import { NotificationCrmCustomers1796800000000 } from './infrastructure/migrations/notification-crm-customers.migration';
import { NotificationLifecycleKinds1796500000000 } from './infrastructure/migrations/notification-lifecycle-kinds.migration';
import { NotificationSchema1795800000000 } from './infrastructure/migrations/notification-schema.migration';
import { NotificationScheduledKind1797000000000 } from './infrastructure/migrations/notification-scheduled-kind.migration';
import { NotificationSealedPasswords1797100000000 } from './infrastructure/migrations/notification-sealed-passwords.migration';
import { SmtpMailSender } from './infrastructure/smtp-mail-sender';
import { loadNotificationSettings, NOTIFICATION_SETTINGS, type NotificationSettings } from './notification-settings';

@Module({})
export class NotificationModule {
  /**
   * `settings` default to the environment (SMTP_HOST, SMTP_PORT, MAIL_FROM, NOTIFICATION_*), read and
   * validated here so a bad value stops the start-up; tests pass their own (a sink on a free port).
   */
  static register(config: ServiceConfig, settings: NotificationSettings = loadNotificationSettings(), platform: PlatformOverrides = {}): DynamicModule {
    return {
      module: NotificationModule,
      imports: [
        PlatformModule.forService({
          ...platform,
          config,
          registry: platformRegistry,
          entities: [CustomerEntity, DeliveryEntity, AwaitingCustomerEntity, CrmCustomerEntity],
          migrations: [NotificationSchema1795800000000, NotificationLifecycleKinds1796500000000, NotificationCrmCustomers1796800000000, NotificationScheduledKind1797000000000, NotificationSealedPasswords1797100000000],
        }),
      ],
      providers: [
        { provide: NOTIFICATION_SETTINGS, useValue: settings },
        SmtpMailSender,
        { provide: MAIL_SENDER, useExisting: SmtpMailSender },
        CustomerRepository,
        CrmCustomerRepository,
        DeliveryRepository,
        AwaitingCustomerRepository,
        MailRequests,
        OrderPlacedHandler,
        InvoiceIssuedHandler,
        InvoicePaidHandler,
        MachineRunningHandler,
        OrderRejectedHandler,
        OrderScheduledHandler,
        PaymentFailedHandler,
        OrderCancelledHandler,
        CreditNoteIssuedHandler,
        PaymentRefundedHandler,
        OrderExtendedHandler,
        OrderEndApproachedHandler,
        OrderEndedHandler,
        CrmCustomerHandler,
        BankTransferAppliedHandler,
        BankTransferFlaggedHandler,
        DeliveryDispatcher,
        DeliveryWorker,
      ],
    };
  }
}
