import { HttpException } from '@nestjs/common';

/** One problem with one part of a request, e.g. `{ field: 'quantity', problems: ['must not be greater than 100'] }`. */
export interface ApiErrorDetail {
  field: string;
  problems: string[];
}

/** The body of every error the gateway answers: a stable code for programs, a message for people. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: ApiErrorDetail[] };
}

/** An answer other than success, with the machine-readable code the client can branch on. */
export class ApiError extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    message: string,
    readonly details?: ApiErrorDetail[],
  ) {
    super({ error: { code, message, ...(details ? { details } : {}) } } satisfies ApiErrorBody, status);
  }

  static notFound(what: string): ApiError {
    return new ApiError(404, 'not_found', `${what} not found`);
  }

  static unauthorized(message: string): ApiError {
    return new ApiError(401, 'unauthorized', message);
  }

  static validation(message: string, details: ApiErrorDetail[]): ApiError {
    return new ApiError(400, 'validation_failed', message, details);
  }
}

/** A schema validator's issues (zod's, for one) as the error body's details: one entry per problem, by the field's dotted path. */
export function issueDetails(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ApiErrorDetail[] {
  return issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(body)', problems: [issue.message] }));
}
