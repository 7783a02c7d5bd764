import { checkPeriod, type RentalPeriod } from './pro-rata';

/** A call the application should never make: malformed input or a broken invariant. */
export class InvalidInvoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInvoiceError';
  }
}

export function validPeriod(period: RentalPeriod): RentalPeriod {
  try {
    return checkPeriod(period);
  } catch (error) {
    throw new InvalidInvoiceError((error as Error).message);
  }
}

export function validDate(date: Date, what: string): Date {
  if (Number.isNaN(date.getTime())) {
    throw new InvalidInvoiceError(`${what} is not a valid date`);
  }
  return new Date(date.getTime());
}

export function requireText(text: string, what: string): string {
  const trimmed = text.trim();
  if (trimmed === '') {
    throw new InvalidInvoiceError(`${what} must not be empty`);
  }
  return trimmed;
}
