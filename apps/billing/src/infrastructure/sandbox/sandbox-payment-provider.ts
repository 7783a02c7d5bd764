import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, type Clock } from '@rental/clock';
import { DataSource } from 'typeorm';
import type { CreatedPayment, PaymentProvider } from '../../application/payment-provider.port';
import type { SandboxProviderConfig } from '../../billing-config';
import type { Invoice } from '../../domain/invoice';
import { SANDBOX_DATA_SOURCE } from './sandbox-data-source';
import { SandboxPaymentEntity } from './sandbox-payment.entity';
import { SANDBOX_CONFIG } from './sandbox.tokens';

/** Creates payments at the sandbox provider, the way a client of Mollie's or Stripe's API does. */
@Injectable()
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';

  constructor(
    @InjectDataSource(SANDBOX_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxProviderConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async createPayment(invoice: Invoice): Promise<CreatedPayment> {
    const paymentId = randomUUID();
    await this.dataSource.getRepository(SandboxPaymentEntity).insert({
      paymentId,
      invoiceNumber: invoice.number,
      amountCents: invoice.balance.cents,
      currency: invoice.balance.currency,
      status: 'open',
      createdAt: this.clock.now(),
    });
    return { paymentId, checkoutUrl: `${this.config.publicUrl}/sandbox/checkout/${paymentId}` };
  }
}
