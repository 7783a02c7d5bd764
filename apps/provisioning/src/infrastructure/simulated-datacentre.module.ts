import { type DynamicModule, Module } from '@nestjs/common';
import { DATACENTRE_DRIVER } from '../application/provisioning.tokens';
import {
  SIMULATED_DATACENTRE_LIMITS,
  SimulatedDatacentreController,
  type SimulatedDatacentreLimits,
} from '../interface/simulated-datacentre.controller';
import { SimulatedDatacentreDriver, type SimulatedDriverOptions } from './simulated-datacentre-driver';
import { SimulatedOrderFaults } from './simulated-order-faults';

/**
 * The simulated datacentre as the DatacentreDriver, with its endpoint for forcing failures. A real
 * driver's module would export DATACENTRE_DRIVER instead, and the endpoint would be gone with it.
 */
@Module({})
export class SimulatedDatacentreModule {
  static register(options: SimulatedDriverOptions & SimulatedDatacentreLimits): DynamicModule {
    return {
      module: SimulatedDatacentreModule,
      controllers: [SimulatedDatacentreController],
      providers: [
        SimulatedOrderFaults,
        { provide: SIMULATED_DATACENTRE_LIMITS, useValue: { maxForcedDelayMs: options.maxForcedDelayMs } },
        {
          provide: DATACENTRE_DRIVER,
          useFactory: (faults: SimulatedOrderFaults) => new SimulatedDatacentreDriver(options, faults),
          inject: [SimulatedOrderFaults],
        },
      ],
      exports: [DATACENTRE_DRIVER],
    };
  }
}
