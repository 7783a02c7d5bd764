export { CLOCK, systemClock } from './clock';
export type { Clock } from './clock';
