import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import { PlatformModule, type ServiceConfig } from '@rental/service-kit';

@Module({})
export class ProvisioningModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: ProvisioningModule,
      imports: [PlatformModule.forService({ config, registry: platformRegistry })],
    };
  }
}
