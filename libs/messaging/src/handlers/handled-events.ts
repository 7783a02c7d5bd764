import type { EventDefinition } from '@rental/contracts';
import { HANDLE_EVENT } from './handle-event.decorator';

/** One @HandleEvent method and the contracts it handles. */
export interface HandlerMethod {
  /** `Class.method`, as the dead letters of a failing handler name it. */
  name: string;
  handles: EventDefinition[];
}

/**
 * The @HandleEvent methods of a class, read from their metadata without starting Nest: what the
 * documentation of who consumes what is generated from (the registry reads the same metadata when
 * the service starts).
 */
export function handlerMethodsOf(handlerClass: abstract new (...args: never[]) => unknown): HandlerMethod[] {
  const prototype = handlerClass.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .filter((method) => method !== 'constructor' && typeof prototype[method] === 'function')
    .map((method) => ({
      name: `${handlerClass.name}.${method}`,
      handles: (Reflect.getMetadata(HANDLE_EVENT, prototype[method] as object) as EventDefinition[] | undefined) ?? [],
    }))
    .filter((m) => m.handles.length > 0);
}
