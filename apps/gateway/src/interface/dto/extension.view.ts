import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ExtensionStatus } from '../../domain/extension-status';
import { PeriodView, PriceView } from './price.view';

export const EXTENSION_STATUSES: ExtensionStatus[] = ['awaiting_invoice', 'awaiting_payment', 'paid', 'applied', 'lapsed', 'rejected'];

export class ExtensionInvoiceView {
  @ApiProperty({ example: '2026-000057' })
  number!: string;

  @ApiProperty({ enum: ['open', 'paid', 'cancelled'] })
  status!: string;

  @ApiProperty({ type: 'integer', example: 7986 })
  grossCents!: number;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ format: 'date-time', description: 'Pay it before the current end, or the rental ends as planned' })
  dueAt!: string;

  @ApiProperty({ format: 'uri', description: 'Where to pay it' })
  checkoutUrl!: string;
}

export class ExtensionRejectionView {
  @ApiProperty({ enum: ['order_not_found', 'not_running', 'extension_pending', 'invalid_period', 'too_long'] })
  reason!: string;

  @ApiProperty()
  detail!: string;
}

export class ExtensionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  orderId!: string;

  @ApiProperty({
    enum: EXTENSION_STATUSES,
    description:
      'awaiting_invoice → awaiting_payment → paid → applied (the end moved to period.end); lapsed: the rental ended or was ' +
      'cancelled without it (a payment that came too late is refunded); rejected: the order service refused it',
  })
  status!: ExtensionStatus;

  @ApiPropertyOptional({ example: 'extension of 2 x standard-4 in ams1 by 1 week' })
  description?: string;

  @ApiPropertyOptional({ type: PeriodView, description: 'The extra time: from the current end to the new one' })
  period?: PeriodView;

  @ApiPropertyOptional({ type: PriceView })
  price?: PriceView;

  @ApiPropertyOptional({ format: 'date-time' })
  paymentDueAt?: string;

  @ApiPropertyOptional({ type: ExtensionInvoiceView, description: 'Once billing has issued it' })
  invoice?: ExtensionInvoiceView;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the end moved' })
  appliedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  lapsedAt?: string;

  @ApiPropertyOptional({ type: ExtensionRejectionView })
  rejection?: ExtensionRejectionView;
}
