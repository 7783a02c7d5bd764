import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import { timerMigrations, TimersModule } from '@rental/timers';
import { PlatformModule, type PlatformOverrides, type ServiceConfig } from '@rental/service-kit';
import { CataloguePublisher } from './application/catalogue-publisher';
import { CreateQuoteHandler } from './application/create-quote.handler';
import { CrmCustomersHandler } from './application/crm-customers.handler';
import { OrderEventPublisher } from './application/order-event-publisher';
import { OrderPlacer } from './application/order-placer';
import { PlaceOrderHandler } from './application/place-order.handler';
import { QuoteIssuer } from './application/quote-issuer';
import { CancelOrderHandler } from './application/cancel-order.handler';
import { ExtendOrderHandler } from './application/extend-order.handler';
import { RentalProcessHandler } from './application/rental-process.handler';
import { RentalRequestAnswers } from './application/rental-request-answers';
import { RentalRequestHandler } from './application/rental-request.handler';
import { RentalSteps } from './application/rental-steps';
import { RentalTimers } from './application/rental-timers';
import { RentalTimersHandler } from './application/rental-timers.handler';
import { TimelineNotesHandler } from './application/timeline-notes.handler';
import { ExtensionRepository } from './infrastructure/extension.repository';
import { RentalLifecycle1795900000100 } from './infrastructure/migrations/1795900000100-rental-lifecycle';
import { CatalogueRepository } from './infrastructure/catalogue.repository';
import { CrmCustomerRepository } from './infrastructure/crm-customer.repository';
import { PlanDiscountLimits1796000000100 } from './infrastructure/migrations/1796000000100-plan-discount-limits';
import { CrmCustomersAndRentalRequests1796000000101 } from './infrastructure/migrations/1796000000101-crm-customers-and-rental-requests';
import { OrderSchema1795700000000 } from './infrastructure/migrations/1795700000000-order-schema';
import { CatalogueSeed1795700000001 } from './infrastructure/migrations/1795700000001-catalogue-seed';
import { UnpaidOrdersIndex1797000000100 } from './infrastructure/migrations/1797000000100-unpaid-orders-index';
import { OrderRepository } from './infrastructure/order.repository';
import { QuoteRepository } from './infrastructure/quote.repository';
import { RentalRequestRepository } from './infrastructure/rental-request.repository';
import { loadOrderSettings, ORDER_SETTINGS } from './order-settings';

/**
 * The catalogue, quotes and orders, and the process manager that moves each rental along; the
 * CRM's customers and the rentals it requests.
 */
@Module({})
export class OrderModule {
  static register(config: ServiceConfig, env: NodeJS.ProcessEnv = process.env, platform: PlatformOverrides = {}): DynamicModule {
    const settings = loadOrderSettings(env);
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
        CatalogueRepository,
        QuoteRepository,
        OrderRepository,
        OrderEventPublisher,
        CataloguePublisher,
        CreateQuoteHandler,
        PlaceOrderHandler,
        RentalProcessHandler,
        RentalTimers,
        RentalSteps,
        RentalTimersHandler,
        CancelOrderHandler,
        ExtendOrderHandler,
        TimelineNotesHandler,
        ExtensionRepository,
        CrmCustomerRepository,
        RentalRequestRepository,
        QuoteIssuer,
        OrderPlacer,
        RentalRequestAnswers,
        CrmCustomersHandler,
        RentalRequestHandler,
      ],
    };
  }
}
