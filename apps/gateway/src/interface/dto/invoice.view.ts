import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VatView } from './price.view';

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

export class InvoiceView {
  @ApiProperty({ example: '2026-000042' })
  number!: string;

  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({ enum: ['open', 'paid'] })
  status!: 'open' | 'paid';

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

  @ApiPropertyOptional({ format: 'date-time' })
  paidAt?: string;

  @ApiProperty({ type: [PaymentView] })
  payments!: PaymentView[];
}

export class InvoicePageView {
  @ApiProperty({ type: [InvoiceView] })
  data!: InvoiceView[];

  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' })
  nextCursor?: string;
}
