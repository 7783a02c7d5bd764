import { ApiProperty } from '@nestjs/swagger';
import { PeriodView, PriceView, ResourcesView } from './price.view';

export class QuoteView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['valid', 'expired'], description: 'An expired quote can no longer be ordered' })
  status!: 'valid' | 'expired';

  @ApiProperty({ example: 'standard-4' })
  planCode!: string;

  @ApiProperty({ type: ResourcesView })
  resources!: ResourcesView;

  @ApiProperty({ example: 'ams1' })
  locationCode!: string;

  @ApiProperty({ example: 'debian-12' })
  imageCode!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  quantity!: number;

  @ApiProperty({ type: PeriodView })
  period!: PeriodView;

  @ApiProperty({ type: 'integer', example: 30 })
  billableDays!: number;

  @ApiProperty({ type: PriceView })
  price!: PriceView;

  @ApiProperty({ format: 'date-time' })
  validUntil!: string;
}
