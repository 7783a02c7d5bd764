import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isEuMemberState, isValidVatNumberFormat, normalizeVatNumber } from '@rental/vat';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  Length,
  Validate,
  ValidateIf,
  type ValidationArguments,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IsContractEmail } from './contract-rules';

@ValidatorConstraint({ name: 'vatNumberFits' })
class VatNumberFits implements ValidatorConstraintInterface {
  validate(vatNumber: unknown, args: ValidationArguments): boolean {
    const customer = args.object as CreateCustomerDto;
    if (typeof vatNumber !== 'string') return false;
    if (customer.kind !== 'business') return false;
    // Inside the EU the number must have the shape of the customer's own member state (reverse charge depends on it).
    return !isEuMemberState(customer.country) || isValidVatNumberFormat(vatNumber, customer.country);
  }

  defaultMessage(args: ValidationArguments): string {
    const customer = args.object as CreateCustomerDto;
    return customer.kind !== 'business'
      ? 'vatNumber is for business customers only'
      : `vatNumber must be a VAT number of ${customer.country}, e.g. NL123456789B01 for the Netherlands`;
  }
}

export class CreateCustomerDto {
  @ApiProperty({ example: 'Stroopwafel Logistics B.V.', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'it@stroopwafel-logistics.example', format: 'email' })
  @IsString()
  @Length(3, 254)
  @IsContractEmail()
  email!: string;

  @ApiProperty({ enum: ['en', 'nl'], description: 'Language of emails and documents' })
  @IsIn(['en', 'nl'])
  language!: 'en' | 'nl';

  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2 country of establishment (decides VAT)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsString()
  @IsISO31661Alpha2()
  country!: string;

  @ApiProperty({ enum: ['consumer', 'business'] })
  @IsIn(['consumer', 'business'])
  kind!: 'consumer' | 'business';

  @ApiPropertyOptional({ example: 'NL123456789B01', description: 'Business customers only; EU numbers must match the country' })
  @Transform(({ value }) => (typeof value === 'string' ? normalizeVatNumber(value) : value))
  @IsOptional()
  @IsString()
  @Length(4, 20)
  @ValidateIf((customer: CreateCustomerDto) => typeof customer.country === 'string')
  @Validate(VatNumberFits)
  vatNumber?: string;
}
