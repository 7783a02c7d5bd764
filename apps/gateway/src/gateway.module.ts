import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import { PlatformModule, type ServiceConfig } from '@rental/service-kit';

@Module({})
export class GatewayModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PlatformModule.forService({ config, registry: platformRegistry })],
    };
  }
}
