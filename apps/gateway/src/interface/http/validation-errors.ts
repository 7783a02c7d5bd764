import type { ValidationError } from '@nestjs/common';
import { ApiError, type ApiErrorDetail } from '@rental/service-kit';

/** class-validator's error tree as a flat list of fields (`period.start`, `lines.0.unit`) and what is wrong with each. */
export function validationDetails(errors: ValidationError[], parent = ''): ApiErrorDetail[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...validationDetails(error.children ?? [], field)];
  });
}

export function validationFailed(errors: ValidationError[]): ApiError {
  const details = validationDetails(errors);
  const first = details[0];
  const summary = first ? `${first.problems[0]}${details.length > 1 ? ` (and ${details.length - 1} more)` : ''}` : 'invalid request';
  return ApiError.validation(`The request is not valid: ${summary}`, details);
}
