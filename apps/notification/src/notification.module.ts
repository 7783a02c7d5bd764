import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import type { WorkNotices } from '@rental/persistence';
import { PlatformModule, type PlatformOverrides, type ServiceSettings } from '@rental/service-kit';
import { DataSource } from 'typeorm';
import { MailRequests } from './application/common/mail-requests';
import { BankTransferAppliedHandler } from './application/event-handlers/bank-transfer-applied.handler';
import { BankTransferFlaggedHandler } from './application/event-handlers/bank-transfer-flagged.handler';
import { CreditNoteIssuedHandler } from './application/event-handlers/credit-note-issued.handler';
import { CustomerRegisteredHandler } from './application/event-handlers/customer-registered.handler';
import { CustomerUpdatedHandler } from './application/event-handlers/customer-updated.handler';
import { InvoiceIssuedHandler } from './application/event-handlers/invoice-issued.handler';
import { InvoicePaidHandler } from './application/event-handlers/invoice-paid.handler';
import { MachineRunningHandler } from './application/event-handlers/machine-running.handler';
import { OrderCancelledHandler } from './application/event-handlers/order-cancelled.handler';
import { OrderEndApproachedHandler } from './application/event-handlers/order-end-approached.handler';
import { OrderEndedHandler } from './application/event-handlers/order-ended.handler';
import { OrderExtendedHandler } from './application/event-handlers/order-extended.handler';
import { OrderPlacedHandler } from './application/event-handlers/order-placed.handler';
import { OrderRejectedHandler } from './application/event-handlers/order-rejected.handler';
import { OrderScheduledHandler } from './application/event-handlers/order-scheduled.handler';
import { PaymentFailedHandler } from './application/event-handlers/payment-failed.handler';
import { PaymentRefundedHandler } from './application/event-handlers/payment-refunded.handler';
import { AwaitingMailStore } from './application/ports/awaiting-mail-store';
import { CrmCustomerStore } from './application/ports/crm-customer-store';
import { DELIVERY_NOTICES } from './application/ports/delivery-notices';
import { DeliveryStore } from './application/ports/delivery-store';
import { MailSender } from './application/ports/mail-sender';
import { OrderCustomerStore } from './application/ports/order-customer-store';
import { DeliveryWorker } from './application/workers/delivery.worker';
import { DeliveryDispatcher } from './application/workers/delivery-dispatcher';
import { AwaitingCustomerEntity } from './infrastructure/awaiting-customer.entity';
import { AwaitingCustomerRepository } from './infrastructure/awaiting-customer.repository';
import { CrmCustomerEntity } from './infrastructure/crm-customer.entity';
import { CrmCustomerRepository } from './infrastructure/crm-customer.repository';
import { CustomerEntity } from './infrastructure/customer.entity';
import { CustomerRepository } from './infrastructure/customer.repository';
import { DeliveryEntity } from './infrastructure/delivery.entity';
import { DELIVERY_CHANNEL, DeliveryRepository } from './infrastructure/delivery.repository';
import { NotificationSchema1795800000000 } from './infrastructure/migrations/1795800000000-notification-schema';
import { NotificationLifecycleKinds1796500000000 } from './infrastructure/migrations/1796500000000-notification-lifecycle-kinds';
import { NotificationCrmCustomers1796800000000 } from './infrastructure/migrations/1796800000000-notification-crm-customers';
import { NotificationScheduledKind1797000000000 } from './infrastructure/migrations/1797000000000-notification-scheduled-kind';
import { NotificationSealedPasswords1797100000000 } from './infrastructure/migrations/1797100000000-notification-sealed-passwords';
import { SmtpMailSender } from './infrastructure/smtp-mail-sender';
import { loadNotificationSettings, NOTIFICATION_SETTINGS, type NotificationSettings } from './notification-settings';

@Module({})
export class NotificationModule {
  /**
   * `settings` default to the environment (SMTP_HOST, SMTP_PORT, MAIL_FROM, NOTIFICATION_*), read and
   * validated here so a bad value stops the start-up; tests pass their own (a sink on a free port).
   */
  static register(config: ServiceSettings, settings: NotificationSettings = loadNotificationSettings(), platform: PlatformOverrides = {}): DynamicModule {
    return {
      module: NotificationModule,
      imports: [
        PlatformModule.forService({
          ...platform,
          config,
          registry: platformRegistry,
          entities: [CustomerEntity, DeliveryEntity, AwaitingCustomerEntity, CrmCustomerEntity],
          migrations: [
            NotificationSchema1795800000000,
            NotificationLifecycleKinds1796500000000,
            NotificationCrmCustomers1796800000000,
            NotificationScheduledKind1797000000000,
            NotificationSealedPasswords1797100000000,
          ],
        }),
      ],
      providers: [
        { provide: NOTIFICATION_SETTINGS, useValue: settings },
        { provide: MailSender, useClass: SmtpMailSender },
        { provide: OrderCustomerStore, useClass: CustomerRepository },
        { provide: CrmCustomerStore, useClass: CrmCustomerRepository },
        { provide: DeliveryStore, useClass: DeliveryRepository },
        { provide: AwaitingMailStore, useClass: AwaitingCustomerRepository },
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
        CustomerRegisteredHandler,
        CustomerUpdatedHandler,
        BankTransferAppliedHandler,
        BankTransferFlaggedHandler,
        DeliveryDispatcher,
        DeliveryWorker,
        {
          provide: DELIVERY_NOTICES,
          inject: [DataSource],
          useFactory: (dataSource: DataSource): WorkNotices => ({ dataSource, channel: DELIVERY_CHANNEL }),
        },
      ],
    };
  }
}
