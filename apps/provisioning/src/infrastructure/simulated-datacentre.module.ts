import { type DynamicModule, Module } from '@nestjs/common';
import { DatacentreDriver } from '../application/ports/datacentre-driver';
import { OperatorTokenGuard, SIMULATED_DATACENTRE_OPERATOR_TOKEN } from './operator-token.guard';
import { SIMULATED_DATACENTRE_LIMITS, SimulatedDatacentreController, type SimulatedDatacentreLimits } from './simulated-datacentre.controller';
import { SimulatedDatacentreDriver, type SimulatedDriverOptions } from './simulated-datacentre-driver';
import { SimulatedOrderFaults } from './simulated-order-faults';

/**
 * The simulated datacentre as the DatacentreDriver, with its endpoint for forcing failures (for
 * operators only: X-Operator-Token). A real driver's module would export its DatacentreDriver instead
 * (DATACENTRE_DRIVER), and the endpoint would be gone with it.
 */
@Module({})
export class SimulatedDatacentreModule {
  static register(options: SimulatedDriverOptions & SimulatedDatacentreLimits & { operatorToken: string }): DynamicModule {
    return {
      module: SimulatedDatacentreModule,
      controllers: [SimulatedDatacentreController],
      providers: [
        SimulatedOrderFaults,
        { provide: SIMULATED_DATACENTRE_OPERATOR_TOKEN, useValue: options.operatorToken },
        OperatorTokenGuard,
        { provide: SIMULATED_DATACENTRE_LIMITS, useValue: { maxForcedDelayMs: options.maxForcedDelayMs } },
        {
          provide: DatacentreDriver,
          useFactory: (faults: SimulatedOrderFaults) => new SimulatedDatacentreDriver(options, faults),
          inject: [SimulatedOrderFaults],
        },
      ],
      exports: [DatacentreDriver],
    };
  }
}
