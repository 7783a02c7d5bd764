import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ExactlyOneOf, IsInstant } from './contract-rules';

const CODE = /^[a-z0-9][a-z0-9.-]*$/;

export class CreateQuoteDto {
  @ApiProperty({ example: 'standard-4', description: 'A plan code from GET /v1/catalogue' })
  @IsString()
  @Length(1, 64)
  @Matches(CODE, { message: '$property must be a catalogue code (lower case letters, digits, "." and "-")' })
  planCode!: string;

  @ApiProperty({ example: 'ams1' })
  @IsString()
  @Length(1, 64)
  @Matches(CODE, { message: '$property must be a catalogue code (lower case letters, digits, "." and "-")' })
  locationCode!: string;

  @ApiProperty({ example: 'debian-12' })
  @IsString()
  @Length(1, 64)
  @Matches(CODE, { message: '$property must be a catalogue code (lower case letters, digits, "." and "-")' })
  imageCode!: string;

  @ApiProperty({ type: 'integer', example: 2, minimum: 1, maximum: 100, description: 'Number of identical machines' })
  @IsInt()
  @Min(1)
  @Max(100)
  quantity!: number;

  @ApiProperty({ example: '2026-12-01T09:00:00Z', format: 'date-time', description: 'Start of the rental' })
  @IsDefined()
  @IsInstant()
  start!: string;

  @ApiPropertyOptional({ example: '2026-12-31T09:00:00Z', format: 'date-time', description: 'End of the rental; give end or duration' })
  @ExactlyOneOf(['end', 'duration'])
  @IsInstant()
  end?: string;

  @ApiPropertyOptional({ example: 'P1M', description: 'ISO-8601 duration in months, weeks and days (PnMnWnD); give end or duration' })
  @IsOptional()
  @IsString()
  @Matches(/^P(?=\d)(\d+M)?(\d+W)?(\d+D)?$/, { message: '$property must be an ISO-8601 duration of months, weeks and days, e.g. P1M or P2W3D' })
  duration?: string;
}
