import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsInstant } from './contract-rules';

export class CreateApiKeyDto {
  @ApiPropertyOptional({
    example: '2027-06-30T00:00:00Z',
    format: 'date-time',
    description: 'When the key stops working by itself (in the future); without it the key works until revoked',
  })
  @IsOptional()
  @IsInstant()
  expiresAt?: string;
}

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'rk_live_3q2-', description: 'The start of the key, kept in clear to tell keys apart' })
  keyPrefix!: string;

  @ApiProperty({ enum: ['active', 'revoked', 'expired'] })
  status!: 'active' | 'revoked' | 'expired';

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the key stops (or stopped) working by itself' })
  expiresAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  revokedAt?: string;

  @ApiPropertyOptional({ description: 'True for the key this request was made with (customer endpoints only)' })
  current?: boolean;
}

export class ApiKeyListView {
  @ApiProperty({ type: [ApiKeyView], description: 'Every key, active or not, the oldest first' })
  data!: ApiKeyView[];
}

export class ApiKeyCreatedView extends ApiKeyView {
  @ApiProperty({ example: 'rk_live_3q2-7wEYz2n0yJ0gHFT0VZp3v2c9nDLkW8S0Jd8m5oA', description: 'Shown once; only its hash is kept' })
  apiKey!: string;
}

export class ApiKeyRotatedView extends ApiKeyCreatedView {
  @ApiProperty({ type: ApiKeyView, description: 'The key this one replaces, revoked now' })
  replaced!: ApiKeyView;
}
