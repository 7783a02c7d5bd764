export { platformEvents, platformRegistry } from './catalogue';
export { defineEvent } from './define-event';
export type { EventDefinition, PayloadOf } from './define-event';
export { CLOUDEVENTS_SPEC_VERSION, EnvelopeHeader } from './envelope';
export type { EventEnvelope } from './envelope';
export { ContractViolationError, EventRegistry } from './event-registry';
export { deadLetterTopic, eventsTopic } from './topics';
export { decodeMessage, encodeEnvelope, headerText } from './wire-codec';
export type { DecodeResult, EncodedMessage, PoisonReason, WireMessage } from './wire-codec';
