import { type DynamicModule, Module } from '@nestjs/common';
import { platformRegistry } from '@rental/contracts';
import { PlatformModule, type ServiceConfig } from '@rental/service-kit';

@Module({})
export class BillingModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: BillingModule,
      imports: [PlatformModule.forService({ config, registry: platformRegistry })],
    };
  }
}
