import type { EventDefinition } from './define-event';
import { EventRegistry } from './event-registry';

/**
 * Every event contract of the platform, producer by producer. Services decode with this registry,
 * so an event type missing here is dead-lettered as unknown. The rental flow's events are added
 * with the flow itself.
 */
export const platformEvents: readonly EventDefinition[] = [];

export const platformRegistry = new EventRegistry(platformEvents);
