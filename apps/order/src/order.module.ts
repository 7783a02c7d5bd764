import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import { PlatformModule, type PlatformOverrides, type ServiceSettings } from '@rental/service-kit';
import { timerMigrations, TimersModule } from '@rental/timers';
import { CancelOrderHandler } from './application/commands/cancel-order.handler';
import { CreateQuoteHandler } from './application/commands/create-quote.handler';
import { ExtendOrderHandler } from './application/commands/extend-order.handler';
import { PlaceOrderHandler } from './application/commands/place-order.handler';
import { OrderPlacer } from './application/common/order-placer';
import { OrderTimeline } from './application/common/order-timeline';
import { QuoteIssuer } from './application/common/quote-issuer';
import { RentalRequestAnswers } from './application/common/rental-request-answers';
import { CreditNoteIssuedHandler } from './application/event-handlers/credit-note-issued.handler';
import { CustomerRegisteredHandler } from './application/event-handlers/customer-registered.handler';
import { CustomerUpdatedHandler } from './application/event-handlers/customer-updated.handler';
import { MachineProvisioningRetriedHandler } from './application/event-handlers/machine-provisioning-retried.handler';
import { PaymentFailedHandler } from './application/event-handlers/payment-failed.handler';
import { PaymentRefundedHandler } from './application/event-handlers/payment-refunded.handler';
import { RentalRequestedHandler } from './application/event-handlers/rental-requested.handler';
import { CatalogueStore } from './application/ports/catalogue-store';
import { CrmCustomerStore } from './application/ports/crm-customer-store';
import { ExtensionStore } from './application/ports/extension-store';
import { OrderStore } from './application/ports/order-store';
import { QuoteStore } from './application/ports/quote-store';
import { RentalRequestStore } from './application/ports/rental-request-store';
import { RentalProcessManager } from './application/process/rental-process.manager';
import { RentalTimers } from './application/process/rental-timers';
import { CataloguePublisher } from './application/workers/catalogue-publisher.worker';
import { CatalogueRepository } from './infrastructure/catalogue.repository';
import { CrmCustomerRepository } from './infrastructure/crm-customer.repository';
import { ExtensionRepository } from './infrastructure/extension.repository';
import { OrderSchema1795700000000 } from './infrastructure/migrations/1795700000000-order-schema';
import { CatalogueSeed1795700000001 } from './infrastructure/migrations/1795700000001-catalogue-seed';
import { RentalLifecycle1795900000100 } from './infrastructure/migrations/1795900000100-rental-lifecycle';
import { PlanDiscountLimits1796000000100 } from './infrastructure/migrations/1796000000100-plan-discount-limits';
import { CrmCustomersAndRentalRequests1796000000101 } from './infrastructure/migrations/1796000000101-crm-customers-and-rental-requests';
import { UnpaidOrdersIndex1797000000100 } from './infrastructure/migrations/1797000000100-unpaid-orders-index';
import { OrderRepository } from './infrastructure/order.repository';
import { QuoteRepository } from './infrastructure/quote.repository';
import { RentalRequestRepository } from './infrastructure/rental-request.repository';
import { loadOrderSettings, ORDER_SETTINGS, type OrderSettings } from './order-settings';

/**
 * The catalogue, quotes and orders, and the process manager that moves each rental along; the
 * CRM's customers and the rentals it requests.
 */
@Module({})
export class OrderModule {
  static register(config: ServiceSettings, settings: OrderSettings = loadOrderSettings(), platform: PlatformOverrides = {}): DynamicModule {
    return {
      module: OrderModule,
      imports: [
        PlatformModule.forService({
          ...platform,
          config,
          registry: platformRegistry,
          migrations: [
            ...timerMigrations,
            OrderSchema1795700000000,
            CatalogueSeed1795700000001,
            RentalLifecycle1795900000100,
            PlanDiscountLimits1796000000100,
            CrmCustomersAndRentalRequests1796000000101,
            UnpaidOrdersIndex1797000000100,
          ],
        }),
        TimersModule.forRoot({ pollIntervalMs: settings.timerPollMs, firedRetentionDays: config.retention.firedTimerDays }),
      ],
      providers: [
        { provide: ORDER_SETTINGS, useValue: settings },
        { provide: CatalogueStore, useClass: CatalogueRepository },
        { provide: QuoteStore, useClass: QuoteRepository },
        { provide: OrderStore, useClass: OrderRepository },
        { provide: ExtensionStore, useClass: ExtensionRepository },
        { provide: CrmCustomerStore, useClass: CrmCustomerRepository },
        { provide: RentalRequestStore, useClass: RentalRequestRepository },
        OrderTimeline,
        QuoteIssuer,
        OrderPlacer,
        RentalRequestAnswers,
        RentalTimers,
        RentalProcessManager,
        CreateQuoteHandler,
        PlaceOrderHandler,
        CancelOrderHandler,
        ExtendOrderHandler,
        CustomerRegisteredHandler,
        CustomerUpdatedHandler,
        RentalRequestedHandler,
        PaymentFailedHandler,
        PaymentRefundedHandler,
        CreditNoteIssuedHandler,
        MachineProvisioningRetriedHandler,
        CataloguePublisher,
      ],
    };
  }
}
