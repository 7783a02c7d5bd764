import 'reflect-metadata';
import { runService } from '@rental/service-kit';
import { GatewayModule } from './gateway.module';

void runService('gateway', GatewayModule.register);
