import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DurableTimers } from './durable-timers';
import { TimerRunner } from './timer-runner';
import { TIMERS_OPTIONS, type TimersOptions } from './timers.options';

/**
 * Durable timers for a service: DurableTimers to arm and disarm them in a transaction, TimerRunner
 * to fire them through @OnTimer methods. Needs the service's DataSource (with timerMigrations run),
 * the messaging module's Outbox, RetentionPurge and the CLOCK.
 */
@Module({})
export class TimersModule {
  static forRoot(options: Partial<TimersOptions> = {}): DynamicModule {
    return {
      module: TimersModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: TIMERS_OPTIONS, useValue: { pollIntervalMs: 1_000, batchSize: 100, firedRetentionDays: 7, ...options } },
        DurableTimers,
        TimerRunner,
      ],
      exports: [DurableTimers, TimerRunner],
    };
  }
}
