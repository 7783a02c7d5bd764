import { EARLIEST_YEAR, isoTime, LATEST_YEAR } from '@rental/contracts';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { z } from 'zod';

/**
 * Checks that mirror the event contracts' own zod rules, so that what the API accepts the
 * contract accepts too: a request never passes validation here and then fails on publish.
 */
const email = z.email();

function zodRule(name: string, schema: z.ZodType, message: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message, ...options },
      // Absent values are for @IsDefined / @IsOptional to judge, as with class-validator's own rules.
      validator: { validate: (value: unknown) => value === undefined || schema.safeParse(value).success },
    });
}

/** An ISO-8601 date and time with a UTC offset, e.g. 2026-12-01T09:00:00Z, in the years the contracts allow. */
export const IsInstant = (options?: ValidationOptions): PropertyDecorator =>
  zodRule(
    'isInstant',
    isoTime,
    `$property must be an ISO-8601 date and time with an offset in the years ${EARLIEST_YEAR} to ${LATEST_YEAR}, e.g. 2026-12-01T09:00:00Z`,
    options,
  );

export const IsContractEmail = (options?: ValidationOptions): PropertyDecorator =>
  zodRule('isContractEmail', email, '$property must be an email address', options);

/** Exactly one of the named properties is given (e.g. a rental period's end or its duration). */
export function ExactlyOneOf(properties: string[], options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'exactlyOneOf',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `give exactly one of ${properties.join(' or ')}`, ...options },
      validator: {
        validate: (_value: unknown, args: ValidationArguments) =>
          properties.filter((p) => (args.object as Record<string, unknown>)[p] !== undefined).length === 1,
      },
    });
}
