import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min } from 'class-validator';
import { IsInstant } from './contract-rules';

/** What the payment provider reports; fields it may add later are ignored, not refused. */
export class PaymentWebhookDto {
  @ApiProperty({ example: 'evt_sandbox_0001', description: "The provider's event id; deliveries are idempotent on it" })
  @IsString()
  @Length(1, 200)
  id!: string;

  @ApiProperty({ enum: ['payment.paid', 'payment.failed'] })
  @IsIn(['payment.paid', 'payment.failed'])
  type!: 'payment.paid' | 'payment.failed';

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  paymentId!: string;

  @ApiProperty({ type: 'integer', example: 23_958, description: 'Integer cents' })
  @IsInt()
  @Min(0)
  amountCents!: number;

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an ISO 4217 code such as EUR' })
  currency!: string;

  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  occurredAt!: string;

  @ApiPropertyOptional({ example: 'card_declined', description: 'Why a payment failed' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  failureReason?: string;
}
