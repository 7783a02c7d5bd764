import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The parts of Express's request and response the gateway uses (the project does not ship
 * @types/express); Express extends Node's own objects, so these are what arrives at runtime.
 */
export interface HttpRequest extends IncomingMessage {
  header(name: string): string | undefined;
  /** Present when the app was created with rawBody: true and the body was parsed. */
  rawBody?: Buffer;
}

export interface HttpResponse extends ServerResponse {
  status(code: number): this;
  json(body: unknown): this;
}
