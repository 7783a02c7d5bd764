import 'reflect-metadata';
import { runService } from '@rental/service-kit';
import { ProvisioningModule } from './provisioning.module';

void runService('provisioning', ProvisioningModule.register);
