import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InvoiceView } from './invoice.view';
import { PeriodView, PriceView, ResourcesView } from './price.view';

const STATUSES = ['placed', 'awaiting_payment', 'paid', 'provisioning', 'running', 'deprovisioning', 'completed', 'cancelled', 'rejected', 'failed'];

export class TimelineEntryView {
  @ApiProperty({ type: 'integer', example: 3, description: 'Position in the timeline; the SSE event id' })
  seq!: number;

  @ApiProperty({ enum: STATUSES, nullable: true, type: String })
  from!: string | null;

  @ApiProperty({ enum: STATUSES })
  to!: string;

  @ApiProperty({ example: 'capacity_reserved', description: 'What moved the rental on' })
  trigger!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiPropertyOptional()
  detail?: string;
}

export class RejectionView {
  @ApiProperty({ enum: ['quote_not_found', 'quote_expired', 'quote_already_ordered', 'no_capacity'] })
  reason!: string;

  @ApiProperty()
  detail!: string;
}

export class MachineAccessView {
  @ApiProperty({ enum: ['ssh-key', 'password'] })
  method!: 'ssh-key' | 'password';

  @ApiPropertyOptional({ description: 'The root password, in this response only: it is erased once shown' })
  rootPassword?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the root password was shown (it is not shown again)' })
  rootPasswordShownAt?: string;
}

export class MachineView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'debian-b7e1d2c3.ams1.rental.example' })
  hostname!: string;

  @ApiProperty({ example: '203.0.113.10' })
  ipAddress!: string;

  @ApiProperty({ type: MachineAccessView })
  access!: MachineAccessView;

  @ApiProperty({ format: 'date-time' })
  runningSince!: string;
}

export class OrderSummaryView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  quoteId!: string;

  @ApiProperty({ enum: STATUSES })
  status!: string;

  @ApiPropertyOptional({ example: 'standard-4' })
  planCode?: string;

  @ApiPropertyOptional({ example: 'ams1' })
  locationCode?: string;

  @ApiPropertyOptional({ type: 'integer', example: 2 })
  quantity?: number;

  @ApiPropertyOptional({ type: PeriodView })
  period?: PeriodView;

  @ApiPropertyOptional({ type: 'integer', example: 23958 })
  totalCents?: number;

  @ApiPropertyOptional({ format: 'date-time' })
  placedAt?: string;

  @ApiPropertyOptional({ type: RejectionView })
  rejection?: RejectionView;
}

export class OrderView extends OrderSummaryView {
  @ApiPropertyOptional({ type: ResourcesView })
  resources?: ResourcesView;

  @ApiPropertyOptional({ example: 'debian-12' })
  imageCode?: string;

  @ApiPropertyOptional({ type: PriceView })
  price?: PriceView;

  @ApiProperty({ type: [TimelineEntryView] })
  timeline!: TimelineEntryView[];

  @ApiPropertyOptional({ type: InvoiceView, description: 'Once billing has issued it' })
  invoice?: InvoiceView;

  @ApiProperty({ type: [MachineView], description: 'Machines that run' })
  machines!: MachineView[];
}

export class OrderPageView {
  @ApiProperty({ type: [OrderSummaryView] })
  data!: OrderSummaryView[];

  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' })
  nextCursor?: string;
}
