import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { invoiceIssuedV1, type orderAcceptedV1, type PayloadOf } from '@rental/contracts';
import type { EventContext } from '@rental/messaging';
import type { Transaction } from '@rental/persistence';
import { Invoice } from '../../domain/invoice';
import { invoiceLinesFromPrice, PriceDisagreementError, priceDisagreements } from '../../domain/order-price';
import { paymentReferenceOf } from '../../domain/payment-reference';
import { CrmCustomerStore } from '../ports/crm-customer-store';
import { DocumentNumbers } from '../ports/document-numbers';
import { InvoiceStore } from '../ports/invoice-store';
import { OrderSettlementStore } from '../ports/order-settlement-store';
import { type CreatedPayment, PaymentProvider } from '../ports/payment-provider';
import { PaymentStore } from '../ports/payment-store';
import { InvoiceBooks } from './invoice-books';

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
 * The same for an order (order.accepted) and an extension (order.extension-accepted), whose handlers
 * differ only in the fact they handle.
 */
@Injectable()
export class InvoiceIssuer {
  private readonly logger = new Logger(InvoiceIssuer.name);

  constructor(
    private readonly invoices: InvoiceStore,
    private readonly books: InvoiceBooks,
    private readonly payments: PaymentStore,
    private readonly numbers: DocumentNumbers,
    private readonly crmCustomers: CrmCustomerStore,
    private readonly settlements: OrderSettlementStore,
    private readonly provider: PaymentProvider,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The invoice, its payment at the provider, and invoice.issued with the checkout URL and the
   * payment reference to quote when paying by bank transfer; nothing for an order that stopped or
   * was invoiced before.
   */
  async invoiceAccepted(ctx: EventContext, request: InvoiceRequest): Promise<void> {
    const what = request.extensionId === undefined ? `order ${request.orderId}` : `extension ${request.extensionId} of order ${request.orderId}`;
    if (await this.settlements.isSettled(ctx.manager, request.orderId)) {
      // Seen after the rental stopped (e.g. replayed from the dead-letter topic): nothing is owed for it.
      this.logger.warn(`${what} is not invoiced: the order was cancelled or ended before billing saw event ${ctx.event.id}`);
      return;
    }
    const issued = await this.issueFor(ctx.manager, request);
    if (issued === undefined) {
      this.logger.log(`${what} is invoiced already; event ${ctx.event.id} changes nothing`);
      return;
    }
    await this.books.opened(ctx, issued.invoice, invoiceIssued(request, issued));
  }

  /** Stores the invoice and its payment, announcing nothing; undefined when it was invoiced before (the same order or extension accepted twice). */
  async issueFor(tx: Transaction, request: InvoiceRequest): Promise<IssuedInvoice | undefined> {
    if (await this.invoices.existsFor(tx, request.orderId, request.extensionId)) return undefined;
    // Taking the number locks the year's series for every other issuer until this transaction ends,
    // so whatever can be checked without the number is checked first.
    const lines = invoiceLinesFromPrice(request.orderId, request.description, request.price);
    const issuedAt = this.clock.now();
    const paymentDueAt = new Date(request.paymentDueAt);
    // Billing may see the order after its payment window closed (it was down, or far behind). The
    // invoice is then due at once instead of refused: the order's own deadline decides what follows.
    const dueAt = paymentDueAt.getTime() < issuedAt.getTime() ? issuedAt : paymentDueAt;
    const { customer } = request;
    const billingAddress = await this.crmCustomers.billingAddressOf(tx, customer.customerId);

    const number = await this.numbers.nextInvoiceNumber(tx, issuedAt);
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
    await this.invoices.insertIssued(tx, invoice, { customerId: customer.customerId, email: customer.email, language: customer.language });

    const payment = await this.provider.createPayment(invoice);
    await this.payments.insert(tx, {
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

function invoiceIssued(request: InvoiceRequest, { invoice, payment }: IssuedInvoice): PayloadOf<typeof invoiceIssuedV1> {
  const { net, vat, gross } = invoice.totals;
  return {
    orderId: request.orderId,
    customerId: request.customer.customerId,
    invoiceNumber: invoice.number,
    ...(request.extensionId === undefined ? {} : { extensionId: request.extensionId }),
    paymentReference: paymentReferenceOf(invoice.number),
    ...(invoice.customer.billingAddress === undefined ? {} : { billingAddress: invoice.customer.billingAddress }),
    currency: gross.currency,
    netCents: net.cents,
    vat: {
      ratePercent: invoice.vat.ratePercent,
      treatment: invoice.vat.treatment,
      ...(invoice.vat.note === undefined ? {} : { note: invoice.vat.note }),
    },
    vatCents: vat.cents,
    grossCents: gross.cents,
    issuedAt: invoice.issuedAt.toISOString(),
    dueAt: invoice.dueAt.toISOString(),
    checkoutUrl: payment.checkoutUrl,
    recipient: { email: request.customer.email, language: request.customer.language },
  };
}
