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

  @ApiProperty({
    enum: ['gateway', 'crm'],
    description: 'gateway: created by an operator here; crm: registered by the CRM (customer.registered) and kept current by it',
  })
  source!: 'gateway' | 'crm';
}

export class CustomerCreatedView {
  @ApiProperty({ type: CustomerView })
  customer!: CustomerView;

  @ApiProperty({ example: 'rk_live_3q2-7wEYz2n0yJ0gHFT0VZp3v2c9nDLkW8S0Jd8m5oA', description: 'Shown once; only its hash is kept' })
  apiKey!: string;
}

export class ApiKeyIssuedView {
  @ApiProperty({ type: CustomerView })
  customer!: CustomerView;

  @ApiProperty({ format: 'uuid', description: "The key's id, to revoke or rotate it" })
  id!: string;

  @ApiProperty({ example: 'rk_live_3q2-7wEYz2n0yJ0gHFT0VZp3v2c9nDLkW8S0Jd8m5oA', description: 'Shown once; only its hash is kept' })
  apiKey!: string;

  @ApiProperty({ example: 'rk_live_3q2-', description: 'The start of the key, kept in clear to tell keys apart' })
  keyPrefix!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the key stops working by itself' })
  expiresAt?: string;
}
