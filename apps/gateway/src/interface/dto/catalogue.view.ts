import { ApiProperty } from '@nestjs/swagger';
import { ResourcesView } from './price.view';

export class PlanView {
  @ApiProperty({ example: 'standard-4' })
  code!: string;

  @ApiProperty({ example: 'Standard 4' })
  name!: string;

  @ApiProperty({ type: ResourcesView })
  resources!: ResourcesView;

  @ApiProperty({ type: 'integer', example: 550 })
  perDayCents!: number;

  @ApiProperty({ type: 'integer', example: 3300 })
  perWeekCents!: number;

  @ApiProperty({ type: 'integer', example: 9900 })
  perMonthCents!: number;
}

export class LocationView {
  @ApiProperty({ example: 'ams1' })
  code!: string;

  @ApiProperty({ example: 'Amsterdam 1' })
  name!: string;

  @ApiProperty({ example: 'NL' })
  country!: string;

  @ApiProperty({ type: [String], example: ['debian-12', 'ubuntu-24.04'], description: 'Image codes offered here' })
  images!: string[];
}

export class ImageView {
  @ApiProperty({ example: 'debian-12' })
  code!: string;

  @ApiProperty({ example: 'Debian 12' })
  name!: string;
}

export class CatalogueView {
  @ApiProperty()
  revision!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ type: [PlanView] })
  plans!: PlanView[];

  @ApiProperty({ type: [LocationView] })
  locations!: LocationView[];

  @ApiProperty({ type: [ImageView] })
  images!: ImageView[];

  @ApiProperty({ format: 'date-time' })
  publishedAt!: string;
}
