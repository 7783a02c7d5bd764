import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import { PlatformModule, type PlatformOverrides, type ServiceConfig } from '@rental/service-kit';
import { CataloguePublisher } from './application/catalogue-publisher';
import { CreateQuoteHandler } from './application/create-quote.handler';
import { OrderEventPublisher } from './application/order-event-publisher';
import { PlaceOrderHandler } from './application/place-order.handler';
import { RentalProcessHandler } from './application/rental-process.handler';
import { CatalogueRepository } from './infrastructure/catalogue.repository';
import { OrderSchema1795700000000 } from './infrastructure/migrations/1795700000000-order-schema';
import { CatalogueSeed1795700000001 } from './infrastructure/migrations/1795700000001-catalogue-seed';
import { OrderRepository } from './infrastructure/order.repository';
import { QuoteRepository } from './infrastructure/quote.repository';
import { loadOrderSettings, ORDER_SETTINGS } from './order-settings';

/** The catalogue, quotes and orders, and the process manager that moves each rental along. */
@Module({})
export class OrderModule {
  static register(config: ServiceConfig, env: NodeJS.ProcessEnv = process.env, platform: PlatformOverrides = {}): DynamicModule {
    return {
      module: OrderModule,
      imports: [
        PlatformModule.forService({
          ...platform,
          config,
          registry: platformRegistry,
          migrations: [OrderSchema1795700000000, CatalogueSeed1795700000001],
        }),
      ],
      providers: [
        { provide: ORDER_SETTINGS, useValue: loadOrderSettings(env) },
        CatalogueRepository,
        QuoteRepository,
        OrderRepository,
        OrderEventPublisher,
        CataloguePublisher,
        CreateQuoteHandler,
        PlaceOrderHandler,
        RentalProcessHandler,
      ],
    };
  }
}
