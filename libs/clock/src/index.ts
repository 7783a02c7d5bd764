export { CLOCK, systemClock } from './clock';
export type { Clock } from './clock';
export { copyDate } from './copy-date';
