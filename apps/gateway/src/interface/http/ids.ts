import { ApiError } from '@rental/service-kit';
import { isUUID } from 'class-validator';

/** A malformed id cannot name anything: answer 404 like an unknown one, without asking the database. */
export function requireUuid(id: string, what: string): string {
  if (!isUUID(id)) throw ApiError.notFound(what);
  return id;
}
