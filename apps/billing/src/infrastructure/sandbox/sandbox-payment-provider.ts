import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { CLOCK, type Clock } from '@rental/clock';
import { tokenDigest } from '@rental/service-kit';
import { DataSource } from 'typeorm';
import type { ConfirmedRefund, CreatedPayment, PaymentProvider, RefundRequest } from '../../application/ports/payment-provider';
import type { SandboxProviderSettings } from '../../billing-settings';
import type { Invoice } from '../../domain/invoice';
import { SANDBOX_CONFIG } from './sandbox.tokens';
import { SANDBOX_DATA_SOURCE } from './sandbox-data-source';
import { SandboxPaymentEntity, SandboxRefundEntity } from './sandbox-payment.entity';

/** A refund the sandbox will never carry out: asking again gives the same answer. */
export class SandboxRefundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxRefundRefusedError';
  }
}

/** Creates payments and refunds at the sandbox provider, the way a client of Mollie's or Stripe's API does. */
@Injectable()
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox';

  constructor(
    @InjectDataSource(SANDBOX_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SANDBOX_CONFIG) private readonly config: SandboxProviderSettings,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly http: HttpAdapterHost,
  ) {}

  /**
   * The checkout URL carries a token of 256 random bits besides the payment id, as a provider's
   * hosted checkout URL is unguessable: whoever was not given the URL cannot see or pay the payment.
   */
  async createPayment(invoice: Invoice): Promise<CreatedPayment> {
    const paymentId = randomUUID();
    const checkoutToken = randomBytes(32).toString('base64url');
    await this.dataSource.getRepository(SandboxPaymentEntity).insert({
      paymentId,
      invoiceNumber: invoice.number,
      amountCents: invoice.balance.cents,
      currency: invoice.balance.currency,
      billingAddress: invoice.customer.billingAddress ?? null,
      status: 'open',
      createdAt: this.clock.now(),
      paidAt: null,
      checkoutTokenSha256: tokenDigest(checkoutToken),
    });
    return { paymentId, checkoutUrl: `${await this.publicUrl()}/sandbox/checkout/${paymentId}/${checkoutToken}` };
  }

  private async publicUrl(): Promise<string> {
    if (this.config.publicUrl !== undefined) return this.config.publicUrl;
    // The consumer may start before the server is bound, and with BILLING_PORT=0 only binding tells the port.
    const server: Server = this.http.httpAdapter.getHttpServer();
    if (!server.listening) await once(server, 'listening');
    const { address, port } = server.address() as AddressInfo;
    // Bound to every interface, this machine's loopback address reaches it too.
    const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address.includes(':') ? `[${address}]` : address;
    return `http://${host}:${port}`;
  }

  /**
   * Refunds once per refund number, like a provider's idempotency key: the same request again is
   * answered with the first refund. The sandbox does not check the amount against what its checkout
   * collected, so tests that report payments to billing directly (payment.record) can be refunded too.
   */
  async refund(request: RefundRequest): Promise<ConfirmedRefund> {
    return this.dataSource.transaction(async (manager) => {
      const payment = await manager.findOneBy(SandboxPaymentEntity, { paymentId: request.paymentId });
      if (payment === null) throw new SandboxRefundRefusedError(`refund ${request.refundNumber}: no sandbox payment ${request.paymentId}`);
      if (payment.currency !== request.amount.currency) {
        throw new SandboxRefundRefusedError(
          `refund ${request.refundNumber}: payment ${request.paymentId} is in ${payment.currency}, not ${request.amount.currency}`,
        );
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(SandboxRefundEntity)
        .values({
          refundNumber: request.refundNumber,
          refundId: randomUUID(),
          paymentId: request.paymentId,
          amountCents: request.amount.cents,
          currency: request.amount.currency,
          refundedAt: this.clock.now(),
        })
        .orIgnore()
        .execute();
      const refund = await manager.findOneByOrFail(SandboxRefundEntity, { refundNumber: request.refundNumber });
      if (refund.paymentId !== request.paymentId || refund.amountCents !== request.amount.cents) {
        throw new SandboxRefundRefusedError(`refund ${request.refundNumber} was made before for another payment or amount`);
      }
      return { providerRefundId: refund.refundId, refundedAt: refund.refundedAt };
    });
  }
}
