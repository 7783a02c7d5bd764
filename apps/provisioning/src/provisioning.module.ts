import { randomInt } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import { PlatformModule, type PlatformOverrides, type ServiceConfig } from '@rental/service-kit';
import { timerMigrations, TimersModule } from '@rental/timers';
import { CreateMachinesHandler } from './application/create-machines.handler';
import { EndOfRentalHandler } from './application/end-of-rental.handler';
import { HoldExpiryHandler } from './application/hold-expiry.handler';
import { InventoryHandler } from './application/inventory.handler';
import { MachineJob } from './application/machine.job';
import { OrderExtendedHandler } from './application/order-extended.handler';
import { OrderHolds } from './application/order-holds';
import { ProvisioningJobRunner } from './application/provisioning-job-runner';
import { RANDOM_INT } from './application/provisioning.tokens';
import { ReserveCapacityHandler } from './application/reserve-capacity.handler';
import type { RandomInt } from './domain/root-password';
import { HostRepository } from './infrastructure/host.repository';
import { IpPoolRepository } from './infrastructure/ip-pool.repository';
import { MachineRepository } from './infrastructure/machine.repository';
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
 * The module of the datacentre driver chosen by DATACENTRE_DRIVER: it binds DATACENTRE_DRIVER and
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
  static register(config: ServiceConfig, settings: ProvisioningSettings = loadProvisioningSettings(), platform: PlatformOverrides = {}): DynamicModule {
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
        HostRepository,
        IpPoolRepository,
        OrderRequestRepository,
        MachineRepository,
        OrderHolds,
        ReserveCapacityHandler,
        CreateMachinesHandler,
        EndOfRentalHandler,
        HoldExpiryHandler,
        OrderExtendedHandler,
        InventoryHandler,
        MachineJob,
        ProvisioningJobRunner,
      ],
    };
  }
}
