/**
 * The payment reference printed on an invoice, which a bank transfer must quote: "RENT-" and the
 * invoice number, as the contracts define it (invoice.issued's paymentReference). bank-transfer.applied
 * names the invoice but not its reference, and the mail about a part payment must say which to use.
 */
export function paymentReferenceOf(invoiceNumber: string): string {
  return `RENT-${invoiceNumber}`;
}
