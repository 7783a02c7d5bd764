import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CancelOrderDto {
  @ApiPropertyOptional({ example: 'migration finished early', maxLength: 500, description: 'Why you cancel, for the record' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
