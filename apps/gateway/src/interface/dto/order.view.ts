import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES } from '@rental/contracts';
import { ExtensionView } from './extension.view';
import { InvoiceView } from './invoice.view';
import { PeriodView, PriceView, ResourcesView } from './price.view';

const STATUSES = [...ORDER_STATUSES];

export class TimelineEntryView {
  @ApiProperty({ type: 'integer', example: 3, description: 'Position in the timeline; the SSE event id' })
  seq!: number;

  @ApiProperty({
    enum: STATUSES,
    nullable: true,
    type: String,
    description: 'Equal to `to` for a note that leaves the status as it is (a failed payment, a retry, a credit note, a refund)',
  })
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
  @ApiProperty({ enum: ['quote_not_found', 'quote_expired', 'quote_already_ordered', 'no_capacity', 'too_many_unpaid_orders', 'invalid_request'] })
  reason!: string;

  @ApiProperty()
  detail!: string;
}

export class MachineAccessView {
  @ApiProperty({ enum: ['ssh-key', 'password'] })
  method!: 'ssh-key' | 'password';

  @ApiPropertyOptional({
    description:
      'Password access: whether the one-time root password can still be revealed, once, with ' +
      'POST /v1/orders/{orderId}/machines/{machineId}/root-password (false once revealed, or once the machine is wiped). ' +
      'The password itself is never part of the order.',
  })
  rootPasswordRevealable?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the root password was revealed (it is not revealed again)' })
  rootPasswordShownAt?: string;
}

export class RootPasswordView {
  @ApiProperty({ description: 'The one-time root password: shown in this response only. Change it once logged in (passwd).', example: 'k7Qm2vRx9Lp4Tz8Wn3Hc' })
  rootPassword!: string;
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

  @ApiProperty({ enum: ['running', 'deprovisioned'], description: 'deprovisioned: stopped, its disks wiped and removed' })
  state!: 'running' | 'deprovisioned';

  @ApiPropertyOptional({ format: 'date-time' })
  deprovisionedAt?: string;

  @ApiPropertyOptional({ enum: ['rental_ended', 'order_cancelled'] })
  deprovisionReason?: string;
}

export class CancellationView {
  @ApiProperty({ enum: ['customer_cancelled', 'payment_window_closed', 'provisioning_failed'] })
  reason!: string;

  @ApiProperty({ example: 'cancelled by the customer while running: migration finished early' })
  detail!: string;

  @ApiProperty({
    enum: ['full', 'unused_days'],
    description: 'full: every invoice credited and every payment refunded; unused_days: the whole days after the day in progress refunded pro rata',
  })
  settlement!: string;

  @ApiProperty({ description: 'The machines were running; they are wiped and deprovisioned' })
  wasRunning!: boolean;

  @ApiProperty({ format: 'date-time' })
  cancelledAt!: string;
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

  @ApiPropertyOptional({ type: InvoiceView, description: "The rental's own invoice, once billing has issued it (extensions' invoices are under invoices)" })
  invoice?: InvoiceView;

  @ApiProperty({ type: [InvoiceView], description: "Every invoice of the order, oldest first: the rental's own, then its extensions'" })
  invoices!: InvoiceView[];

  @ApiProperty({ type: [ExtensionView] })
  extensions!: ExtensionView[];

  @ApiProperty({ type: [MachineView], description: 'Machines the customer had: running, or deprovisioned since' })
  machines!: MachineView[];

  @ApiPropertyOptional({ type: CancellationView, description: 'Why and how the rental was cancelled, if it was' })
  cancellation?: CancellationView;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the rental period ended (its machines are then deprovisioned)' })
  endedAt?: string;
}

export class OrderPageView {
  @ApiProperty({ type: [OrderSummaryView] })
  data!: OrderSummaryView[];

  @ApiPropertyOptional({ description: 'Pass as cursor for the next page; absent on the last page' })
  nextCursor?: string;
}
