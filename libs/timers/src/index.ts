export { DurableTimers } from './durable-timers';
export type { ArmedTimer, ScheduleTimer, TimerPayload } from './durable-timers';
export { OnTimer } from './on-timer.decorator';
export { TimerContext } from './timer-context';
export { TimerRunner } from './timer-runner';
export { TimersModule } from './timers.module';
export type { TimersOptions } from './timers.options';
export { DurableTimerTables1795900000000, timerMigrations } from './timer-tables.migration';
