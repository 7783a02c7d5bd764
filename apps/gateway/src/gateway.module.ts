import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { platformRegistry } from '@rental/contracts';
import { PlatformModule, type PlatformOverrides, type ServiceSettings } from '@rental/service-kit';
import { CancelOrderHandler } from './application/commands/cancel-order.handler';
import { CreateQuoteHandler } from './application/commands/create-quote.handler';
import { ExtendOrderHandler } from './application/commands/extend-order.handler';
import { IdempotencyKeys } from './application/commands/idempotency-keys';
import { IssueApiKeyHandler } from './application/commands/issue-api-key.handler';
import { OrderCommandSender } from './application/commands/order-command-sender';
import { PlaceOrderHandler } from './application/commands/place-order.handler';
import { RecordPaymentHandler } from './application/commands/record-payment.handler';
import { RegisterCustomerHandler } from './application/commands/register-customer.handler';
import { RevealRootPasswordHandler } from './application/commands/reveal-root-password.handler';
import { RevokeApiKeyHandler } from './application/commands/revoke-api-key.handler';
import { RotateApiKeyHandler } from './application/commands/rotate-api-key.handler';
import { ReplyWaiter } from './application/common/reply-waiter';
import { CatalogueProjection } from './application/event-handlers/catalogue.projection';
import { CrmCustomerProjection } from './application/event-handlers/crm-customer.projection';
import { ExtensionProjection } from './application/event-handlers/extension.projection';
import { InvoiceProjection } from './application/event-handlers/invoice.projection';
import { MachineProjection } from './application/event-handlers/machine.projection';
import { OrderProjection } from './application/event-handlers/order.projection';
import { QuoteProjection } from './application/event-handlers/quote.projection';
import { ApiKeyStore } from './application/ports/api-key-store';
import { CustomerStore } from './application/ports/customer-store';
import { ExtensionReadModel } from './application/ports/extension-read-model';
import { IdempotencyKeyStore } from './application/ports/idempotency-key-store';
import { InvoiceReadModel } from './application/ports/invoice-read-model';
import { OrderReadModel } from './application/ports/order-read-model';
import { PaymentReceiptStore } from './application/ports/payment-receipt-store';
import { QuoteReadModel } from './application/ports/quote-read-model';
import { ReadModelChanges } from './application/ports/read-model-changes';
import { ReadSnapshot } from './application/ports/read-snapshot';
import { RootPasswordStore } from './application/ports/root-password-store';
import { ApiKeyQueries } from './application/queries/api-key.queries';
import { CustomerAuthentication } from './application/queries/customer-authentication';
import { ExtensionQueries } from './application/queries/extension.queries';
import { InvoiceQueries } from './application/queries/invoice.queries';
import { OrderQueries } from './application/queries/order.queries';
import { OrderTimelineFeed } from './application/queries/order-timeline-feed';
import { QuoteQueries } from './application/queries/quote.queries';
import { GATEWAY_SETTINGS, type GatewaySettings, loadGatewaySettings } from './gateway-settings';
import { GATEWAY_ENTITIES } from './infrastructure/entities';
import { GatewayRetention } from './infrastructure/gateway-retention';
import { GatewaySchema1795800000000 } from './infrastructure/migrations/1795800000000-gateway-schema';
import { GatewayRentalLifecycle1796100000000 } from './infrastructure/migrations/1796100000000-gateway-rental-lifecycle';
import { GatewayCrmCustomers1796800000000 } from './infrastructure/migrations/1796800000000-gateway-crm-customers';
import { GatewayInvoiceBillingAddress1796900000000 } from './infrastructure/migrations/1796900000000-gateway-invoice-billing-address';
import { GatewayApiKeyExpiry1797000000000 } from './infrastructure/migrations/1797000000000-gateway-api-key-expiry';
import { GatewayRetention1797000000002 } from './infrastructure/migrations/1797000000002-gateway-retention';
import { gatewaySealedRootPasswords } from './infrastructure/migrations/1797100000000-gateway-sealed-root-passwords';
import { GatewayInvoiceBalance1797200000000 } from './infrastructure/migrations/1797200000000-gateway-invoice-balance';
import { ReadModelSignal } from './infrastructure/read-model-signal';
import { PostgresReadSnapshot } from './infrastructure/read-snapshot';
import { ApiKeyRepository } from './infrastructure/repositories/api-key.repository';
import { CustomerRepository } from './infrastructure/repositories/customer.repository';
import { ExtensionViewRepository } from './infrastructure/repositories/extension-view.repository';
import { IdempotencyKeyRepository } from './infrastructure/repositories/idempotency-key.repository';
import { InvoiceViewRepository } from './infrastructure/repositories/invoice-view.repository';
import { OrderViewRepository } from './infrastructure/repositories/order-view.repository';
import { PaymentReceiptRepository } from './infrastructure/repositories/payment-receipt.repository';
import { QuoteViewRepository } from './infrastructure/repositories/quote-view.repository';
import { RootPasswordRepository } from './infrastructure/repositories/root-password.repository';
import { AdminTokenGuard } from './interface/auth/admin-token.guard';
import { ApiKeyGuard } from './interface/auth/api-key.guard';
import { SandboxSignatureGuard } from './interface/auth/sandbox-signature.guard';
import { AdminCustomersController } from './interface/controllers/admin-customers.controller';
import { ApiKeysController } from './interface/controllers/api-keys.controller';
import { CatalogueController } from './interface/controllers/catalogue.controller';
import { InvoicesController } from './interface/controllers/invoices.controller';
import { OrdersController } from './interface/controllers/orders.controller';
import { PaymentWebhookController } from './interface/controllers/payment-webhook.controller';
import { QuotesController } from './interface/controllers/quotes.controller';
import { RateLimitGuard, rateLimitOptions } from './interface/http/rate-limits';
import { OrderTimelineStream } from './interface/streams/order-timeline-stream';
import { StreamSlots } from './interface/streams/stream-slots';

/**
 * The public API. It owns customers (its own, and its copy of the CRM's), API keys and idempotency
 * keys and no rental state: requests become commands (through the outbox), and reads come from a
 * read model built from events.
 */
@Module({})
export class GatewayModule {
  static register(config: ServiceSettings, settings: GatewaySettings = loadGatewaySettings(), platform: PlatformOverrides = {}): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forService({
          ...platform,
          config,
          registry: platformRegistry,
          entities: GATEWAY_ENTITIES,
          migrations: [
            GatewaySchema1795800000000,
            GatewayRentalLifecycle1796100000000,
            GatewayCrmCustomers1796800000000,
            GatewayInvoiceBillingAddress1796900000000,
            gatewaySealedRootPasswords(settings.secretsPrivateKey),
            GatewayApiKeyExpiry1797000000000,
            GatewayRetention1797000000002,
            GatewayInvoiceBalance1797200000000,
          ],
        }),
        ThrottlerModule.forRoot(rateLimitOptions(settings.limits)),
      ],
      controllers: [
        AdminCustomersController,
        ApiKeysController,
        CatalogueController,
        QuotesController,
        OrdersController,
        InvoicesController,
        PaymentWebhookController,
      ],
      providers: [
        { provide: GATEWAY_SETTINGS, useValue: settings },
        ReadModelSignal,
        { provide: ReadModelChanges, useExisting: ReadModelSignal },
        { provide: ReadSnapshot, useClass: PostgresReadSnapshot },
        { provide: CustomerStore, useClass: CustomerRepository },
        { provide: ApiKeyStore, useClass: ApiKeyRepository },
        { provide: IdempotencyKeyStore, useClass: IdempotencyKeyRepository },
        { provide: PaymentReceiptStore, useClass: PaymentReceiptRepository },
        { provide: QuoteReadModel, useClass: QuoteViewRepository },
        { provide: OrderReadModel, useClass: OrderViewRepository },
        { provide: ExtensionReadModel, useClass: ExtensionViewRepository },
        { provide: InvoiceReadModel, useClass: InvoiceViewRepository },
        { provide: RootPasswordStore, useClass: RootPasswordRepository },
        GatewayRetention,
        ReplyWaiter,
        IdempotencyKeys,
        RegisterCustomerHandler,
        ApiKeyQueries,
        IssueApiKeyHandler,
        RevokeApiKeyHandler,
        RotateApiKeyHandler,
        CustomerAuthentication,
        CreateQuoteHandler,
        PlaceOrderHandler,
        OrderCommandSender,
        CancelOrderHandler,
        ExtendOrderHandler,
        RecordPaymentHandler,
        QuoteQueries,
        OrderQueries,
        RevealRootPasswordHandler,
        InvoiceQueries,
        ExtensionQueries,
        OrderTimelineFeed,
        StreamSlots,
        OrderTimelineStream,
        CatalogueProjection,
        CrmCustomerProjection,
        QuoteProjection,
        OrderProjection,
        ExtensionProjection,
        InvoiceProjection,
        MachineProjection,
        AdminTokenGuard,
        ApiKeyGuard,
        SandboxSignatureGuard,
        // Global, so it runs before any controller's guard: an address is counted before its key is checked.
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
