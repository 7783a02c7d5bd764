/** Time as the platform sees it; injectable so that tests can move it. Always UTC. */
export interface Clock {
  now(): Date;
}

export const CLOCK = Symbol('CLOCK');

export const systemClock: Clock = { now: () => new Date() };
