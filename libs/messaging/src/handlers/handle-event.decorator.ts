import { SetMetadata } from '@nestjs/common';
import type { EventDefinition } from '@rental/contracts';

export const HANDLE_EVENT = Symbol('HANDLE_EVENT');

/**
 * Marks a provider method as the handler of one or more event versions. The method receives
 * the validated envelope and an EventContext whose transaction also records the event as
 * processed, so the effect happens at most once.
 *
 *   @HandleEvent(orderPlacedV1, orderPlacedV2)
 *   async onOrderPlaced(event: EventEnvelope<...>, ctx: EventContext) { ... }
 */
export const HandleEvent = (...definitions: EventDefinition[]): MethodDecorator =>
  SetMetadata(HANDLE_EVENT, definitions);
