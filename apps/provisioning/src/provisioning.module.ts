import { randomInt } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import type { WorkNotices } from '@rental/persistence';
import { PlatformModule, type PlatformOverrides, type ServiceSettings } from '@rental/service-kit';
import { timerMigrations, TimersModule } from '@rental/timers';
import { DataSource } from 'typeorm';
import { InventoryAnswers } from './application/common/inventory-answers';
import { MachineCapacity } from './application/common/machine-capacity';
import { OrderTakeBack } from './application/common/order-take-back';
import { HoldExpiryHandler } from './application/event-handlers/hold-expiry.handler';
import { HostCapacityChangedHandler } from './application/event-handlers/host-capacity-changed.handler';
import { HostMaintenanceScheduledHandler } from './application/event-handlers/host-maintenance-scheduled.handler';
import { HostRegisteredHandler } from './application/event-handlers/host-registered.handler';
import { HostRetiredHandler } from './application/event-handlers/host-retired.handler';
import { InvalidInventoryEventHandler } from './application/event-handlers/invalid-inventory-event.handler';
import { IpRangeAddedHandler } from './application/event-handlers/ip-range-added.handler';
import { IpRangeRemovedHandler } from './application/event-handlers/ip-range-removed.handler';
import { OrderCancelledHandler } from './application/event-handlers/order-cancelled.handler';
import { OrderEndedHandler } from './application/event-handlers/order-ended.handler';
import { OrderExtendedHandler } from './application/event-handlers/order-extended.handler';
import { OrderPaidHandler } from './application/event-handlers/order-paid.handler';
import { OrderPlacedHandler } from './application/event-handlers/order-placed.handler';
import { HostStore } from './application/ports/host-store';
import { IpPoolStore } from './application/ports/ip-pool-store';
import { MACHINE_JOB_NOTICES } from './application/ports/machine-job-notices';
import { MachineStore } from './application/ports/machine-store';
import { OrderRequestStore } from './application/ports/order-request-store';
import { RANDOM_INT } from './application/ports/provisioning.tokens';
import { MachineJobWorker } from './application/workers/machine-job.worker';
import type { RandomInt } from './domain/root-password';
import { HostRepository } from './infrastructure/host.repository';
import { IpPoolRepository } from './infrastructure/ip-pool.repository';
import { JOBS_CHANNEL, MachineRepository } from './infrastructure/machine.repository';
import { ProvisioningSchema1795700000000 } from './infrastructure/migrations/1795700000000-provisioning-schema';
import { InventorySeed1795700000001 } from './infrastructure/migrations/1795700000001-inventory-seed';
import { EndOfRental1795900000200 } from './infrastructure/migrations/1795900000200-end-of-rental';
import { SimulatedDatacentre1795900000201 } from './infrastructure/migrations/1795900000201-simulated-datacentre';
import { InventoryEvents1796000000300 } from './infrastructure/migrations/1796000000300-inventory-events';
import { CapacityCalendar1796100000300 } from './infrastructure/migrations/1796100000300-capacity-calendar';
import { OrderRequestRepository } from './infrastructure/order-request.repository';
import { PROVISIONING_ENTITIES } from './infrastructure/persistence/provisioning-entities';
import { SimulatedDatacentreModule } from './infrastructure/simulated-datacentre.module';
import { loadProvisioningSettings, PROVISIONING_SETTINGS, type ProvisioningSettings } from './provisioning-settings';

const cryptoRandomInt: RandomInt = (maxExclusive) => randomInt(maxExclusive);

/**
 * The module of the datacentre driver chosen by DATACENTRE_DRIVER: it binds the DatacentreDriver port and
 * serves whatever the driver needs (the simulated one its control endpoint). A driver not chosen is
 * not loaded at all, so none of its endpoints exist.
 */
function datacentreModule(settings: ProvisioningSettings): DynamicModule {
  switch (settings.datacentreDriver) {
    case 'simulated':
      return SimulatedDatacentreModule.register(settings.simulatedDriver);
  }
}

@Module({})
export class ProvisioningModule {
  /** `settings` defaults to the environment; tests pass their own (a faster or failing driver). */
  static register(config: ServiceSettings, settings: ProvisioningSettings = loadProvisioningSettings(), platform: PlatformOverrides = {}): DynamicModule {
    return {
      module: ProvisioningModule,
      imports: [
        PlatformModule.forService({
          ...platform,
          config,
          registry: platformRegistry,
          entities: PROVISIONING_ENTITIES,
          migrations: [
            ...timerMigrations,
            ProvisioningSchema1795700000000,
            InventorySeed1795700000001,
            EndOfRental1795900000200,
            SimulatedDatacentre1795900000201,
            InventoryEvents1796000000300,
            CapacityCalendar1796100000300,
          ],
        }),
        TimersModule.forRoot({ pollIntervalMs: settings.timerPollMs, firedRetentionDays: config.retention.firedTimerDays }),
        datacentreModule(settings),
      ],
      providers: [
        { provide: PROVISIONING_SETTINGS, useValue: settings },
        { provide: RANDOM_INT, useValue: cryptoRandomInt },
        { provide: HostStore, useClass: HostRepository },
        { provide: IpPoolStore, useClass: IpPoolRepository },
        { provide: OrderRequestStore, useClass: OrderRequestRepository },
        { provide: MachineStore, useClass: MachineRepository },
        {
          provide: MACHINE_JOB_NOTICES,
          inject: [DataSource],
          useFactory: (dataSource: DataSource): WorkNotices => ({ dataSource, channel: JOBS_CHANNEL }),
        },
        OrderTakeBack,
        InventoryAnswers,
        MachineCapacity,
        OrderPlacedHandler,
        OrderPaidHandler,
        OrderCancelledHandler,
        OrderEndedHandler,
        OrderExtendedHandler,
        HoldExpiryHandler,
        HostRegisteredHandler,
        HostCapacityChangedHandler,
        HostMaintenanceScheduledHandler,
        HostRetiredHandler,
        IpRangeAddedHandler,
        IpRangeRemovedHandler,
        InvalidInventoryEventHandler,
        MachineJobWorker,
      ],
    };
  }
}
