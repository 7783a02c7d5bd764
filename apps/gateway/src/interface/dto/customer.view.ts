import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CustomerView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ enum: ['en', 'nl'] })
  language!: 'en' | 'nl';

  @ApiProperty({ example: 'NL' })
  country!: string;

  @ApiProperty({ enum: ['consumer', 'business'] })
  kind!: 'consumer' | 'business';

  @ApiPropertyOptional()
  vatNumber?: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

export class CustomerCreatedView {
  @ApiProperty({ type: CustomerView })
  customer!: CustomerView;

  @ApiProperty({ example: 'rk_live_3q2-7wEYz2n0yJ0gHFT0VZp3v2c9nDLkW8S0Jd8m5oA', description: 'Shown once; only its hash is kept' })
  apiKey!: string;
}
