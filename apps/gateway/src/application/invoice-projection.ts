import { Injectable } from '@nestjs/common';
import { type EventEnvelope, invoiceIssuedV1, invoicePaidV1, type PayloadOf } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { ReadModelSignal } from '../infrastructure/read-model-signal';

/** Invoices and the payments that settled them, from billing's events. */
@Injectable()
export class InvoiceProjection {
  @HandleEvent(invoiceIssuedV1)
  async onInvoiceIssued(event: EventEnvelope<PayloadOf<typeof invoiceIssuedV1>>, ctx: EventContext): Promise<void> {
    const i = event.payload;
    await ctx.manager.query(
      `INSERT INTO gateway_invoices (invoice_number, order_id, customer_id, currency, net_cents, vat, vat_cents, gross_cents,
                                     issued_at, due_at, checkout_url, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'open') ON CONFLICT (invoice_number) DO NOTHING`,
      [i.invoiceNumber, i.orderId, i.customerId, i.currency, i.netCents, JSON.stringify(i.vat), i.vatCents, i.grossCents, i.issuedAt, i.dueAt, i.checkoutUrl],
    );
    await ReadModelSignal.raise(ctx.manager, i.orderId);
  }

  @HandleEvent(invoicePaidV1)
  async onInvoicePaid(event: EventEnvelope<PayloadOf<typeof invoicePaidV1>>, ctx: EventContext): Promise<void> {
    const p = event.payload;
    await ctx.manager.query(`UPDATE gateway_invoices SET status = 'paid', paid_at = $2 WHERE invoice_number = $1`, [p.invoiceNumber, p.paidAt]);
    await ctx.manager.query(
      `INSERT INTO gateway_invoice_payments (payment_id, invoice_number, order_id, customer_id, amount_cents, currency, paid_at)
       VALUES ($1, $2, $3, (SELECT customer_id FROM gateway_invoices WHERE invoice_number = $2), $4, $5, $6)
       ON CONFLICT (payment_id) DO NOTHING`,
      [p.paymentId, p.invoiceNumber, p.orderId, p.amountCents, p.currency, p.paidAt],
    );
    await ReadModelSignal.raise(ctx.manager, p.orderId);
  }
}
