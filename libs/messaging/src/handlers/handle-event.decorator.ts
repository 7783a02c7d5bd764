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
export const HandleEvent = (...definitions: EventDefinition[]): MethodDecorator => SetMetadata(HANDLE_EVENT, definitions);

export const REJECT_INVALID = Symbol('REJECT_INVALID');

/**
 * Marks a provider method as the answer to messages of these contracts that fail validation,
 * when the sender can be told (e.g. a rejection event). It runs before the message goes to the
 * dead-letter topic, once per event id, in a transaction with the outbox; the payload is unvalidated:
 *
 *   @RejectInvalid(rentalRequestedV1)
 *   async onInvalidRequest(event: EventEnvelope<unknown>, problem: string, ctx: EventContext) { ... }
 */
export const RejectInvalid = (...definitions: EventDefinition[]): MethodDecorator => SetMetadata(REJECT_INVALID, definitions);
