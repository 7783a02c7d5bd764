import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { ExactlyOneOf, IsInstant } from './contract-rules';

export class ExtendOrderDto {
  @ApiPropertyOptional({
    example: 'P1W',
    description: 'Time to add to the current end: an ISO-8601 duration in months, weeks and days (PnMnWnD); give duration or end',
  })
  @IsOptional()
  @IsString()
  @Matches(/^P(?=\d)(\d+M)?(\d+W)?(\d+D)?$/, { message: '$property must be an ISO-8601 duration of months, weeks and days, e.g. P1W or P1M2D' })
  duration?: string;

  @ApiPropertyOptional({ example: '2027-01-07T09:00:00Z', format: 'date-time', description: 'The new end of the rental; give duration or end' })
  // Not @IsOptional: that would skip the exactly-one check when end is absent.
  @ExactlyOneOf(['duration', 'end'])
  @IsInstant()
  end?: string;
}
