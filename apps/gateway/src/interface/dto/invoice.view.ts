import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { InvoiceStatus } from '../../domain/invoice-status';
import { VatView } from './price.view';

export class BillingAddressView {
  @ApiProperty({ example: 'Havenstraat 12' })
  line1!: string;

  @ApiPropertyOptional()
  line2?: string;

  @ApiProperty({ example: '3011 AB' })
  postalCode!: string;

  @ApiProperty({ example: 'Rotterdam' })
  city!: string;

  @ApiProperty({ example: 'NL' })
  country!: string;
}

export class PaymentView {
  @ApiProperty({ format: 'uuid' })
  paymentId!: string;

  @ApiProperty({ type: 'integer', example: 23958 })
  amountCents!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ format: 'date-time' })
  paidAt!: string;
}

export class PaymentAttemptView {
  @ApiProperty({ type: 'integer', example: 1, description: 'Numbered per invoice' })
  attempt!: number;

  @ApiProperty({ format: 'uuid' })
  paymentId!: string;

  @ApiProperty({ example: 'card declined: insufficient funds' })
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  failedAt!: string;

  @ApiProperty({ format: 'date-time', description: 'The invoice can be paid through its checkoutUrl until then' })
  retryUntil!: string;
}

export class CreditNoteView {
  @ApiProperty({ example: 'CN-2026-000007' })
  number!: string;

  @ApiProperty({ enum: ['payment_window_closed', 'customer_cancelled', 'provisioning_failed', 'unused_days', 'extension_unpaid', 'extension_lapsed'] })
  reason!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ type: 'integer', example: 19800 })
  netCents!: number;

  @ApiProperty({ type: 'integer', example: 4158 })
  vatCents!: number;

  @ApiProperty({ type: 'integer', example: 23958 })
  grossCents!: number;

  @ApiProperty({ description: 'This credit note covers the whole invoice and cancels it' })
  cancelsInvoice!: boolean;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;
}

export class RefundView {
  @ApiProperty({ example: 'RF-2026-000003' })
  number!: string;

  @ApiProperty({ format: 'uuid', description: 'The payment the money went back for' })
  paymentId!: string;

  @ApiProperty({ enum: ['customer_cancelled', 'provisioning_failed', 'unused_days', 'late_payment', 'duplicate_payment', 'extension_lapsed'] })
  reason!: string;

  @ApiProperty({ type: 'integer', example: 23958 })
  amountCents!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ format: 'date-time' })
  refundedAt!: string;
}

export class BankTransferFlagView {
  @ApiProperty({
    enum: ['overpaid', 'invoice_cancelled', 'invoice_paid', 'unknown_reference', 'currency_mismatch'],
    description: 'overpaid: more than the balance came (the rest is booked); otherwise nothing of the transfer was booked',
  })
  reason!: string;

  @ApiProperty({ type: 'integer', example: 1042, description: 'Recorded for finance to pay back to the payer, in the currency of the transfer' })
  refundableCents!: number;

  @ApiProperty({ example: 'EUR 250.00 received for an invoice of EUR 239.58' })
  detail!: string;

  @ApiProperty({ format: 'date-time' })
  flaggedAt!: string;
}

export class BankTransferView {
  @ApiProperty({ format: 'uuid', description: "Finance's id of the transfer" })
  transferId!: string;

  @ApiProperty({ example: 'EUR', description: 'Of the transfer' })
  currency!: string;

  @ApiProperty({ type: 'integer', example: 25000, description: 'appliedCents + the part to be paid back' })
  receivedCents!: number;

  @ApiProperty({ type: 'integer', example: 23958, description: 'Booked on this invoice; 0 when the transfer was only flagged' })
  appliedCents!: number;

  @ApiPropertyOptional({ enum: ['settled', 'partially_paid'], description: 'What booking it did to the invoice; absent when nothing was booked' })
  outcome?: 'settled' | 'partially_paid';

  @ApiPropertyOptional({ type: 'integer', example: 0, description: 'What the invoice still owed once it was booked' })
  balanceAfterCents?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  appliedAt?: string;

  @ApiPropertyOptional({ type: BankTransferFlagView, description: 'Money of this transfer that cannot be kept and will be paid back' })
  flagged?: BankTransferFlagView;
}

export class InvoiceView {
  @ApiProperty({ example: '2026-000042' })
  number!: string;

  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Set when the invoice is for an extension of the rental' })
  extensionId?: string;

  @ApiProperty({ enum: ['open', 'paid', 'cancelled'], description: 'cancelled: a credit note covers it in full (money paid for it is refunded)' })
  status!: InvoiceStatus;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ type: 'integer', example: 19800 })
  netCents!: number;

  @ApiProperty({ type: VatView })
  vat!: VatView;

  @ApiProperty({ type: 'integer', example: 4158 })
  vatCents!: number;

  @ApiProperty({ type: 'integer', example: 23958 })
  grossCents!: number;

  @ApiProperty({ format: 'date-time' })
  issuedAt!: string;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ format: 'uri', description: 'Where to pay it' })
  checkoutUrl!: string;

  @ApiPropertyOptional({ example: 'RENT-2026-000042', description: 'What to quote when paying it by bank transfer' })
  paymentReference?: string;

  @ApiPropertyOptional({ type: () => BillingAddressView, description: 'Where the invoice is addressed (customers the CRM registered)' })
  billingAddress?: BillingAddressView;

  @ApiPropertyOptional({ format: 'date-time' })
  paidAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  cancelledAt?: string;

  @ApiProperty({ type: [PaymentView], description: 'The payment through the checkout that settled it (a bank transfer is under bankTransfers)' })
  payments!: PaymentView[];

  @ApiProperty({ type: [PaymentAttemptView], description: 'Failed attempts to pay it' })
  paymentAttempts!: PaymentAttemptView[];

  @ApiProperty({ type: [CreditNoteView] })
  creditNotes!: CreditNoteView[];

  @ApiProperty({ type: [RefundView] })
  refunds!: RefundView[];

  @ApiProperty({ type: [BankTransferView], description: 'Bank transfers booked on it (in part or in full) or flagged to be paid back, oldest first' })
  bankTransfers!: BankTransferView[];

  @ApiProperty({
    type: 'integer',
    example: 23958,
    description:
      'Received for it: payments, the booked part of bank transfers, and a payment that came too late or twice (refunded in full). ' +
      'Money of a bank transfer flagged to be paid back is not counted',
  })
  paidCents!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  creditedCents!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  refundedCents!: number;

  @ApiProperty({ type: 'integer', example: 0, description: 'Still to pay: grossCents - paidCents - creditedCents + refundedCents' })
  balanceCents!: number;
}

export class InvoicePageView {
  @ApiProperty({ type: [InvoiceView] })
  data!: InvoiceView[];

  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' })
  nextCursor?: string;
}
