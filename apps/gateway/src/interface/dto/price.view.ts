import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ResourcesView {
  @ApiProperty({ type: 'integer', example: 4 })
  vcpu!: number;

  @ApiProperty({ type: 'integer', example: 8192 })
  memoryMb!: number;

  @ApiProperty({ type: 'integer', example: 160 })
  diskGb!: number;
}

export class PeriodView {
  @ApiProperty({ format: 'date-time' })
  start!: string;

  @ApiProperty({ format: 'date-time' })
  end!: string;
}

export class PriceLineView {
  @ApiProperty({ enum: ['month', 'week', 'day'] })
  unit!: 'month' | 'week' | 'day';

  @ApiProperty({ type: 'integer', example: 1 })
  units!: number;

  @ApiProperty({ type: 'integer', example: 9900 })
  unitPriceCents!: number;

  @ApiProperty({ type: 'integer', example: 9900 })
  lineTotalCents!: number;
}

export class VatView {
  @ApiProperty({ example: 21 })
  ratePercent!: number;

  @ApiProperty({ enum: ['standard', 'reverse_charge', 'outside_eu'] })
  treatment!: 'standard' | 'reverse_charge' | 'outside_eu';

  @ApiPropertyOptional({ description: 'The legal note printed on the invoice, if any' })
  note?: string;
}

/** All amounts in integer cents. */
export class PriceView {
  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiPropertyOptional({
    example: '1 month + 2 weeks',
    description:
      'What was priced: the months of a duration as months whatever their length, then its weeks and days; or the days of a period given by its end ("31 days")',
  })
  pricedAs?: string;

  @ApiProperty({ type: [PriceLineView], description: 'What one machine costs, in the cheapest mix of months, weeks and days' })
  lines!: PriceLineView[];

  @ApiProperty({ type: 'integer', example: 2 })
  quantity!: number;

  @ApiProperty({
    type: 'integer',
    example: 13200,
    description:
      'What the customer saves against paying the day price for every billable day: longer units, and a negotiated discount if any. Already taken off the subtotal; a quote without a negotiated discount shows it too',
  })
  discountCents!: number;

  @ApiProperty({ type: 'integer', example: 19800 })
  subtotalCents!: number;

  @ApiProperty({ type: VatView })
  vat!: VatView;

  @ApiProperty({ type: 'integer', example: 4158 })
  vatCents!: number;

  @ApiProperty({ type: 'integer', example: 23958 })
  totalCents!: number;
}
