import type { ServerResponse } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ContractViolationError } from '@rental/contracts';
import { ApiError, type ApiErrorBody } from './api-error';

/** Express's response as far as an error answer needs it (the project does not ship @types/express). */
interface ErrorResponse extends ServerResponse {
  status(code: number): this;
  json(body: unknown): this;
}

/** The code of an error that carries no code of its own, by HTTP status. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'unavailable',
  504: 'timeout',
};

/**
 * Every error of every service's HTTP surface leaves as `{ error: { code, message, details? } }`
 * (installed by PlatformModule). A client's mistake keeps its 4xx
 * (framework errors, malformed JSON from the body parser, oversized bodies); only our own faults
 * are 500s, and they say nothing about our internals.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ErrorResponse>();
    const { status, body } = this.describe(exception);
    // Deliberate answers (ApiError, 4xx) are not incidents; anything else that became a 5xx is ours to look at.
    if (status >= 500 && !(exception instanceof ApiError)) this.logger.error(`request failed: ${(exception as Error)?.stack ?? String(exception)}`);
    if (response.headersSent) {
      // A stream (SSE) had already started: all we can do is end it.
      response.end();
      return;
    }
    response.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: ApiErrorBody } {
    if (exception instanceof ApiError) return { status: exception.getStatus(), body: exception.getResponse() as ApiErrorBody };
    if (exception instanceof HttpException) {
      // Express's adapter wraps body-parser errors; the original says what went wrong.
      const parserError = bodyParserError(exception.cause);
      if (parserError) return parserError;
      const status = exception.getStatus();
      return { status, body: errorBody(codeFor(status), messageOf(exception.getResponse(), exception.message)) };
    }
    if (exception instanceof ContractViolationError) {
      // The DTOs should have caught it; if not, the command we would have sent is still the client's input.
      return { status: 400, body: errorBody('validation_failed', `The request is not valid: ${exception.issues}`) };
    }
    const parserError = bodyParserError(exception);
    if (parserError) return parserError;
    return { status: 500, body: errorBody('internal_error', 'Something went wrong on our side; please try again') };
  }
}

/** Errors raised by Express's body parser (http-errors, JSON SyntaxError): they carry a status and a type. */
function bodyParserError(exception: unknown): { status: number; body: ApiErrorBody } | undefined {
  const error = exception as { status?: unknown; statusCode?: unknown; type?: unknown; expose?: unknown } | null;
  const status = Number(error?.status ?? error?.statusCode);
  if (!error || !Number.isInteger(status) || status < 400 || status > 499) return undefined;
  if (error.type === 'entity.parse.failed') return { status: 400, body: errorBody('malformed_json', 'The request body is not valid JSON') };
  if (error.type === 'entity.too.large') return { status: 413, body: errorBody('payload_too_large', 'The request body is too large') };
  return { status, body: errorBody(codeFor(status), error.expose ? String((error as Error).message) : 'The request could not be read') };
}

function codeFor(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

function messageOf(response: unknown, fallback: string): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown } | null)?.message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return fallback;
}

function errorBody(code: string, message: string): ApiErrorBody {
  return { error: { code, message } };
}
