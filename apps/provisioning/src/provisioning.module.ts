import { randomInt } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import { PlatformModule, type PlatformOverrides, type ServiceConfig } from '@rental/service-kit';
import { CreateMachinesHandler } from './application/create-machines.handler';
import { ProvisionMachineJob } from './application/provision-machine.job';
import { ProvisioningJobRunner } from './application/provisioning-job-runner';
import { DATACENTRE_DRIVER, RANDOM_INT } from './application/provisioning.tokens';
import { ReserveCapacityHandler } from './application/reserve-capacity.handler';
import type { RandomInt } from './domain/root-password';
import { HostRepository } from './infrastructure/host.repository';
import { IpPoolRepository } from './infrastructure/ip-pool.repository';
import { MachineRepository } from './infrastructure/machine.repository';
import { ProvisioningSchema1795700000000 } from './infrastructure/migrations/1795700000000-provisioning-schema';
import { InventorySeed1795700000001 } from './infrastructure/migrations/1795700000001-inventory-seed';
import { OrderRequestRepository } from './infrastructure/order-request.repository';
import { PROVISIONING_ENTITIES } from './infrastructure/persistence/provisioning-entities';
import { SimulatedDatacentreDriver } from './infrastructure/simulated-datacentre-driver';
import { loadProvisioningSettings, PROVISIONING_SETTINGS, type ProvisioningSettings } from './provisioning-settings';

const cryptoRandomInt: RandomInt = (maxExclusive) => randomInt(maxExclusive);

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
          migrations: [ProvisioningSchema1795700000000, InventorySeed1795700000001],
        }),
      ],
      providers: [
        { provide: PROVISIONING_SETTINGS, useValue: settings },
        { provide: DATACENTRE_DRIVER, useValue: new SimulatedDatacentreDriver(settings.simulatedDriver) },
        { provide: RANDOM_INT, useValue: cryptoRandomInt },
        HostRepository,
        IpPoolRepository,
        OrderRequestRepository,
        MachineRepository,
        ReserveCapacityHandler,
        CreateMachinesHandler,
        ProvisionMachineJob,
        ProvisioningJobRunner,
      ],
    };
  }
}
