import type { InvoiceWithPayments } from '../../application/invoice-queries';
import type { InvoiceView } from '../dto/invoice.view';
import { iso, isoOrUndefined } from './iso';

export function presentInvoice({ invoice, payments }: InvoiceWithPayments): InvoiceView {
  return {
    number: invoice.invoiceNumber,
    orderId: invoice.orderId,
    status: invoice.status,
    currency: invoice.currency,
    netCents: invoice.netCents,
    vat: invoice.vat,
    vatCents: invoice.vatCents,
    grossCents: invoice.grossCents,
    issuedAt: iso(invoice.issuedAt),
    dueAt: iso(invoice.dueAt),
    checkoutUrl: invoice.checkoutUrl,
    paidAt: isoOrUndefined(invoice.paidAt),
    payments: payments.map((p) => ({ paymentId: p.paymentId, amountCents: p.amountCents, currency: p.currency, paidAt: iso(p.paidAt) })),
  };
}
