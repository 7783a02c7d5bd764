import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import type { orderAcceptedV1, PayloadOf } from '@rental/contracts';
import type { EntityManager } from 'typeorm';
import { Invoice } from '../domain/invoice';
import { CrmCustomerRepository } from '../infrastructure/persistence/crm-customer.repository';
import { DocumentNumberAllocator } from '../infrastructure/persistence/document-number-allocator';
import { InvoiceRepository } from '../infrastructure/persistence/invoice.repository';
import { PaymentRepository } from '../infrastructure/persistence/payment.repository';
import { invoiceLinesFromPrice, PriceDisagreementError, priceDisagreements } from './order-price';
import { PAYMENT_PROVIDER, type CreatedPayment, type PaymentProvider } from './payment-provider.port';

export type OrderAccepted = PayloadOf<typeof orderAcceptedV1>;

/**
 * What is to be invoiced: an accepted order (order.accepted), or an accepted extension of one
 * (order.extension-accepted, which adds the extension's id). Both carry the same fields.
 */
export type InvoiceRequest = OrderAccepted & { readonly extensionId?: string };

export interface IssuedInvoice {
  readonly invoice: Invoice;
  readonly payment: CreatedPayment;
}

/**
 * Issues the invoice of an accepted order or extension and asks the payment provider to collect it,
 * all in the caller's transaction: the number, the invoice and the payment commit together or not at all.
 */
@Injectable()
export class InvoiceIssuer {
  constructor(
    private readonly invoices: InvoiceRepository,
    private readonly payments: PaymentRepository,
    private readonly numbers: DocumentNumberAllocator,
    private readonly crmCustomers: CrmCustomerRepository,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Undefined when it was invoiced before (the same order or extension accepted twice). */
  async issueFor(manager: EntityManager, request: InvoiceRequest): Promise<IssuedInvoice | undefined> {
    if (await this.invoices.existsFor(manager, request.orderId, request.extensionId)) return undefined;
    // Taking the number locks the year's series for every other issuer until this transaction ends,
    // so whatever can be checked without the number is checked first.
    const lines = invoiceLinesFromPrice(request.orderId, request.description, request.price);
    const issuedAt = this.clock.now();
    const paymentDueAt = new Date(request.paymentDueAt);
    // Billing may see the order after its payment window closed (it was down, or far behind). The
    // invoice is then due at once instead of refused: the order's own deadline decides what follows.
    const dueAt = paymentDueAt.getTime() < issuedAt.getTime() ? issuedAt : paymentDueAt;
    const { customer } = request;
    const billingAddress = await this.crmCustomers.billingAddressOf(manager, customer.customerId);

    const number = await this.numbers.nextInvoiceNumber(manager, issuedAt);
    const { invoice } = Invoice.issue({
      number,
      orderId: request.orderId,
      ...(request.extensionId === undefined ? {} : { extensionId: request.extensionId }),
      period: { start: new Date(request.period.start), end: new Date(request.period.end) },
      customer: {
        name: customer.name,
        country: customer.country,
        kind: customer.kind,
        vatNumber: customer.vatNumber,
        ...(billingAddress === undefined ? {} : { billingAddress }),
      },
      lines,
      issuedAt,
      dueAt,
    });
    const disagreements = priceDisagreements(invoice, request.price);
    if (disagreements.length > 0) throw new PriceDisagreementError(request.orderId, disagreements);
    await this.invoices.insertIssued(manager, invoice, { customerId: customer.customerId, email: customer.email, language: customer.language });

    const payment = await this.provider.createPayment(invoice);
    await this.payments.insert(manager, {
      paymentId: payment.paymentId,
      invoiceNumber: invoice.number,
      orderId: invoice.orderId,
      provider: this.provider.name,
      amountCents: invoice.balance.cents,
      currency: invoice.balance.currency,
      checkoutUrl: payment.checkoutUrl,
      status: 'open',
      createdAt: issuedAt,
      updatedAt: issuedAt,
    });
    return { invoice, payment };
  }
}
