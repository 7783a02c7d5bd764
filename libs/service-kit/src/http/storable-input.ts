import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { text } from '@rental/contracts';
import { ApiError, type ApiErrorDetail } from './api-error';

/**
 * How deep a request's JSON may nest. No body of ours needs more than a few levels, while the
 * validators behind (class-transformer, for one) recurse and run out of stack near 1,500.
 */
export const MAX_INPUT_DEPTH = 32;

/**
 * Refuses, before any validator or handler sees it, input no service could take: a body or query
 * nested deeper than MAX_INPUT_DEPTH, or a string (a value or a key) that PostgreSQL cannot store
 * (the contracts' `text` rule: no NUL). Walked with a queue of its own rather than by recursion,
 * so the check itself cannot overflow the stack.
 */
export function refuseUnstorableInput(input: unknown, part: 'body' | 'query'): void {
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string') {
      if (!text.safeParse(value).success) throw nulRefused({ field: path || `(${part})`, problems: ['must not contain the NUL character (\\u0000)'] });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      throw new ApiError(400, 'nested_too_deep', `The request's ${part} nests deeper than ${MAX_INPUT_DEPTH} levels`, [
        { field: path, problems: [`nests deeper than ${MAX_INPUT_DEPTH} levels`] },
      ]);
    }
    for (const [key, child] of Object.entries(value)) {
      if (!text.safeParse(key).success) throw nulRefused({ field: path || `(${part})`, problems: ['has a field name with the NUL character (\\u0000)'] });
      pending.push({ value: child, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
}

function nulRefused(detail: ApiErrorDetail): ApiError {
  return new ApiError(400, 'validation_failed', `The request is not valid: ${detail.field} ${detail.problems[0]}`, [detail]);
}

/** The parsed body and query of every request, checked by refuseUnstorableInput; installed by PlatformModule. */
@Injectable()
export class StorableInputMiddleware implements NestMiddleware {
  use(request: IncomingMessage & { body?: unknown; query?: unknown }, _response: ServerResponse, next: () => void): void {
    refuseUnstorableInput(request.body, 'body');
    refuseUnstorableInput(request.query, 'query');
    next();
  }
}
