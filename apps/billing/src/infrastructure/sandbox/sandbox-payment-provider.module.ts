import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PaymentProvider } from '../../application/ports/payment-provider';
import type { SandboxProviderSettings } from '../../billing-settings';
import { SANDBOX_CONFIG } from './sandbox.tokens';
import { SandboxCheckout } from './sandbox-checkout';
import { SandboxCheckoutController } from './sandbox-checkout.controller';
import { sandboxDataSourceOptions } from './sandbox-data-source';
import { SandboxPaymentProvider } from './sandbox-payment-provider';
import { SandboxWebhookSender } from './sandbox-webhook-sender';

/**
 * The sandbox payment provider as a self-contained part: its own connection pool and store, its
 * checkout page and endpoints, and its webhook calls. Billing depends on it only through the
 * PaymentProvider port, so a real provider's module can take its place, and
 * then the checkout endpoints are gone with it.
 */
@Module({})
export class SandboxPaymentProviderModule {
  static register(databaseUrl: string, config: SandboxProviderSettings): DynamicModule {
    return {
      module: SandboxPaymentProviderModule,
      imports: [TypeOrmModule.forRoot(sandboxDataSourceOptions(databaseUrl))],
      controllers: [SandboxCheckoutController],
      providers: [
        { provide: SANDBOX_CONFIG, useValue: config },
        SandboxPaymentProvider,
        { provide: PaymentProvider, useExisting: SandboxPaymentProvider },
        SandboxCheckout,
        SandboxWebhookSender,
      ],
      exports: [PaymentProvider, SandboxPaymentProvider, SandboxCheckout],
    };
  }
}
