import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { platformRegistry } from '@rental/contracts';
import { PlatformModule, type PlatformOverrides, type ServiceConfig } from '@rental/service-kit';
import { ApiKeys } from './application/api-keys';
import { CatalogueProjection } from './application/catalogue-projection';
import { CrmCustomerProjection } from './application/crm-customer-projection';
import { CustomerAuthentication } from './application/customer-authentication';
import { CustomerRegistration } from './application/customer-registration';
import { ExtensionProjection } from './application/extension-projection';
import { ExtensionQueries } from './application/extension-queries';
import { IdempotencyKeys } from './application/idempotency-keys';
import { InvoiceProjection } from './application/invoice-projection';
import { InvoiceQueries } from './application/invoice-queries';
import { MachineProjection } from './application/machine-projection';
import { OrderCancellation } from './application/order-cancellation';
import { OrderCommands } from './application/order-commands';
import { OrderExtensions } from './application/order-extensions';
import { OrderPlacement } from './application/order-placement';
import { OrderProjection } from './application/order-projection';
import { OrderQueries } from './application/order-queries';
import { OrderTimelineFeed } from './application/order-timeline-feed';
import { PaymentNotifications } from './application/payment-notifications';
import { QuoteProjection } from './application/quote-projection';
import { QuoteQueries } from './application/quote-queries';
import { QuoteRequests } from './application/quote-requests';
import { RootPasswordReveal } from './application/root-password-reveal';
import { ReplyWaiter } from './application/reply-waiter';
import { GATEWAY_ENTITIES } from './infrastructure/entities';
import { GATEWAY_CONFIG, type GatewayConfig, loadGatewayConfig } from './infrastructure/gateway-config';
import { GatewayApiKeyExpiry1797000000000 } from './infrastructure/migrations/gateway-api-key-expiry.migration';
import { GatewayRetention } from './infrastructure/gateway-retention';
import { GatewayInvoiceBillingAddress1796900000000 } from './infrastructure/migrations/gateway-invoice-billing-address.migration';
import { GatewayCrmCustomers1796800000000 } from './infrastructure/migrations/gateway-crm-customers.migration';
import { GatewayRentalLifecycle1796100000000 } from './infrastructure/migrations/gateway-rental-lifecycle.migration';
import { GatewayRetention1797000000002 } from './infrastructure/migrations/gateway-retention.migration';
import { GatewaySchema1795800000000 } from './infrastructure/migrations/gateway-schema.migration';
import { gatewaySealedRootPasswords } from './infrastructure/migrations/gateway-sealed-root-passwords.migration';
import { ReadModelSignal } from './infrastructure/read-model-signal';
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
  static register(config: ServiceConfig, gateway: GatewayConfig = loadGatewayConfig(), platform: PlatformOverrides = {}): DynamicModule {
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
            gatewaySealedRootPasswords(gateway.secretsPrivateKey),
            GatewayApiKeyExpiry1797000000000,
            GatewayRetention1797000000002,
          ],
        }),
        ThrottlerModule.forRoot(rateLimitOptions(gateway.limits)),
      ],
      controllers: [AdminCustomersController, ApiKeysController, CatalogueController, QuotesController, OrdersController, InvoicesController, PaymentWebhookController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: gateway },
        ReadModelSignal,
        GatewayRetention,
        ReplyWaiter,
        IdempotencyKeys,
        CustomerRegistration,
        ApiKeys,
        CustomerAuthentication,
        QuoteRequests,
        OrderPlacement,
        OrderCommands,
        OrderCancellation,
        OrderExtensions,
        PaymentNotifications,
        QuoteQueries,
        OrderQueries,
        RootPasswordReveal,
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
