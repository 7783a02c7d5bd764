export { AlreadyDecided, DeadLetterDecisions } from './dead-letter-decisions';
export type { DeadLetterDecision, DeadLetterDecisionKind } from './dead-letter-decisions';
export { matchesFilter, originalHeaders, readDeadLetter, replayMessage, unreplayableBecause } from './dead-letter-record';
export type { DeadLetterAddress, DeadLetterFilter, DeadLetterRecord } from './dead-letter-record';
export { DeadLetterRepair } from './dead-letter-repair';
export type { DeadLetterRepairOptions, DeadLetterView, ReplayOutcome, ReplaySelection } from './dead-letter-repair';
export { readTopicsToEnd } from './topic-reader';
export type { ReadMessage } from './topic-reader';
